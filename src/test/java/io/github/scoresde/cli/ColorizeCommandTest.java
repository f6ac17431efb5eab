package io.github.scoresde.cli;

import static io.github.scoresde.cli.CliTest.run;
import static io.github.scoresde.cli.LikelihoodCommandTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colorize} with a tiny RGB U-Net trained for a few steps on 8x8 colour PNGs: every
 * method keeps the gray level of the input (H x = y), and a gray-level model is refused.
 */
class ColorizeCommandTest {
    @TempDir
    static Path shared;
    private static Path checkpoint;
    private static Path images;

    @BeforeAll
    static void trainATinyColourModel() throws IOException {
        images = Files.createDirectories(shared.resolve("rgb"));
        SplittableRandom random = new SplittableRandom(1);
        for (int k = 0; k < 8; k++) {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    img.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            ImageIO.write(img, "png", images.resolve("c" + k + ".png").toFile());
        }
        Path config = Files.writeString(shared.resolve("tiny.yaml"), "data: " + images + "\nsde: {name: vp}\n"
                + "model: {network: unet, channels: 8, channel_mult: [1, 2], groups: 4}\n"
                + "objective: {name: edm}\ntrain: {steps: 4, batch: 8, checkpoint_every: 4}\n"
                + "sample: {sampler: em, steps: 3, n: 2}\n");
        CliTest.Run r = run("train", "--config", config.toString(), "--out", shared.resolve("run").toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        checkpoint = shared.resolve("run/model.ckpt");
    }

    @Test
    void everyMethodKeepsTheGrayLevel() throws IOException {
        Path out = shared.resolve("colorized");
        CliTest.Run r = run("colorize", "--checkpoint", checkpoint.toString(), "--data", images.toString(), "--n", "3", "--steps", "4",
                "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(64, m.get("measurements").asInt(), "one gray level per pixel");
        for (String method : new String[] {"ilvr", "ddrm", "ccdf"}) {
            assertTrue(m.get("methods").get(method).get("max_abs_inconsistency").asDouble() < 1e-4, method + ": " + m);
        }
        BufferedImage picture = ImageIO.read(out.resolve("colorize.png").toFile());
        assertEquals(3 * (16 + 2) + 2, picture.getWidth());
    }

    @Test
    void grayModelsAreRefused() {
        Path never = shared.resolve("never");
        assertBadInput(run("colorize", "--checkpoint", Path.of("models", "mnist-vp.ckpt").toString(), "--data", images.toString(),
                "--out", never.toString()), "colorization needs RGB images", never);
    }
}
