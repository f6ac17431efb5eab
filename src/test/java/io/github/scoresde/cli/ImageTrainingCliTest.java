package io.github.scoresde.cli;

import static io.github.scoresde.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.PixelScaling;
import io.github.scoresde.train.data.PngFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} and {@code sample} on images: a tiny U-Net on a folder of PNGs, end to end. */
class ImageTrainingCliTest {
    @TempDir
    Path tmp;

    /** 32 random 8x8 gray images: bars at random rows. */
    private Path pngFolder() throws IOException {
        return pngFolder(tmp.resolve("pngs"), 8);
    }

    /** 32 random gray images of size x size pixels in {@code dir}: bright bars at random rows. */
    static Path pngFolder(Path dir, int size) throws IOException {
        Path folder = Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 32; i++) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            int row = rnd.nextInt(size);
            for (int x = 0; x < size; x++) {
                img.getRaster().setSample(x, row, 0, 255);
            }
            ImageIO.write(img, "png", folder.resolve(i + ".png").toFile());
        }
        return folder;
    }

    @Test
    void trainsAUNetOnAPngFolderAndSamplesItWithoutTheData() throws IOException {
        Path data = pngFolder();
        Path dir = tmp.resolve("run");
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), "data: " + data + "\nsde: {name: vp}\n"
                + "model: {network: unet, channels: 8, channel_mult: [1, 2], groups: 4}\n"
                + "objective: {name: edm}\ntrain: {steps: 6, batch: 8, checkpoint_every: 6}\n"
                + "sample: {sampler: em, steps: 5, n: 4, every: 3}\n");
        CliTest.Run r = run("train", "--config", config.toString(), "--out", dir.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"model.ckpt", "samples.png", "metrics.json", "progress/step-00000003.png", "samples/00003.png"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        ImageData samples = PngFolder.load(dir.resolve("samples"), PixelScaling.SYMMETRIC);
        assertEquals(4, samples.size());
        assertEquals(java.util.List.of(1L, 8L, 8L), java.util.Arrays.stream(samples.exampleShape()).boxed().toList());
        assertTrue(Files.readString(dir.resolve("metrics.json")).contains("\"data_std\""));

        deleteTree(data);
        Path sampled = tmp.resolve("sampled");
        CliTest.Run s = run("sample", "--checkpoint", dir.resolve("model.ckpt").toString(), "--sampler", "ode-euler",
                "--steps", "4", "--out", sampled.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.exists(sampled.resolve("samples/00063.png")), "64 images by default");
        assertFalse(Files.exists(sampled.resolve("samples/00064.png")));
        assertFalse(Files.readString(sampled.resolve("metrics.json")).contains("\"data_std\""), "the data set is gone");
    }

    @Test
    void networksThatDoNotFitTheDataAreOneLineErrors() throws IOException {
        Path data = pngFolder();
        String[][] cases = {
            {"model: {network: mlp}", "use network: unet"},
            {"model: {network: unet, channels: 8, channel_mult: [1, 2, 2, 2, 2], groups: 4}", "divisible by 16"},
        };
        for (String[] c : cases) {
            Path config = Files.writeString(tmp.resolve("bad.yaml"), "data: " + data + "\n" + c[0] + "\n");
            Path dir = tmp.resolve("never");
            CliTest.Run r = run("train", "--config", config.toString(), "--out", dir.toString());
            assertEquals(2, r.code(), c[0] + " -> " + r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertFalse(Files.exists(dir), "nothing written for " + c[0]);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
