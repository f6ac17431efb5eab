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
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inpaint --checkpoint --mask} with the shipped MNIST model on a drawn image, a few steps:
 * the known pixels come back exactly, the files are written, and bad masks are one-line errors.
 */
class ImageInpaintCommandTest {
    private static final String MODEL = Path.of("models", "mnist-vp.ckpt").toString();

    @TempDir
    static Path tmp;
    private static Path image;

    @BeforeAll
    static void files() throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 6; y < 22; y++) {
            img.getRaster().setSample(13, y, 0, 255);
        }
        image = tmp.resolve("one.png");
        ImageIO.write(img, "png", image.toFile());
    }

    @Test
    void knownPixelsAreKeptForBuiltInAndFileMasks() throws IOException {
        BufferedImage m = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 10; x++) {
                m.getRaster().setSample(x, y, 0, 255); // the left 10 columns known
            }
        }
        Path mask = tmp.resolve("mask.png");
        ImageIO.write(m, "png", mask.toFile());
        for (String spec : new String[] {"bottom", mask.toString()}) {
            Path out = tmp.resolve("out-" + spec.length());
            CliTest.Run r = run("inpaint", "--checkpoint", MODEL, "--mask", spec, "--image", image.toString(), "--steps", "4",
                    "--threads", "1", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            JsonNode j = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
            assertEquals(0, j.get("known_max_abs_error").asDouble(), 1e-6, "known pixels are the image's");
            assertEquals(spec.equals("bottom") ? 0.5 : 10 / 28.0, j.get("known_fraction").asDouble(), 1e-12);
            assertEquals(8, j.get("nfe").asInt(), "pc: predictor and corrector at each of 4 steps");
            assertTrue(Files.exists(out.resolve("inpaint.png")));
        }
    }

    @Test
    void badMasksAreOneLine() throws IOException {
        Path never = tmp.resolve("never");
        BufferedImage small = new BufferedImage(14, 14, BufferedImage.TYPE_BYTE_GRAY);
        Path wrongSize = tmp.resolve("small.png");
        ImageIO.write(small, "png", wrongSize.toFile());
        BufferedImage gray = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(3, 3, 0, 128);
        Path nonBinary = tmp.resolve("gray.png");
        ImageIO.write(gray, "png", nonBinary.toFile());
        String img = image.toString();
        assertBadInput(run("inpaint", "--checkpoint", MODEL, "--mask", wrongSize.toString(), "--image", img, "--out", never.toString()),
                "mask of the image's size", never);
        assertBadInput(run("inpaint", "--checkpoint", MODEL, "--mask", nonBinary.toString(), "--image", img, "--out", never.toString()),
                "not binary", never);
        assertBadInput(run("inpaint", "--checkpoint", MODEL, "--mask", "middle", "--image", img, "--out", never.toString()),
                "neither a .png", never);
        assertBadInput(run("inpaint", "--checkpoint", MODEL, "--image", img, "--out", never.toString()), "--mask", never);
        assertBadInput(run("inpaint", "--checkpoint", MODEL, "--mask", "top", "--image", img, "--sampler", "ode", "--out",
                never.toString()), "cannot impute", never);
        assertBadInput(run("inpaint", "--out", never.toString()), "--known", never);
    }
}
