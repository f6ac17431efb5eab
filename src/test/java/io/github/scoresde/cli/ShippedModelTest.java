package io.github.scoresde.cli;

import static io.github.scoresde.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.PixelScaling;
import io.github.scoresde.train.data.PngFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weights shipped in models/ still load and sample with this code (a change of checkpoint
 * format or network layout would break them), without the MNIST data set at hand.
 */
class ShippedModelTest {
    private static final Path MODEL = Path.of("models", "mnist-vp.ckpt");

    @TempDir
    Path tmp;

    @Test
    void mnistModelSamplesDigitSizedImages() throws IOException {
        assertTrue(Files.exists(MODEL), MODEL + " is missing");
        Path out = tmp.resolve("sampled");
        CliTest.Run r = run("sample", "--checkpoint", MODEL.toString(), "--sampler", "ode-euler", "--steps", "3", "--n", "2",
                "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        ImageData samples = PngFolder.load(out.resolve("samples"), PixelScaling.SYMMETRIC);
        assertEquals(2, samples.size());
        assertEquals(28, samples.exampleShape()[1]);
        assertEquals(28, samples.exampleShape()[2]);
    }

    @Test
    void photosModelSamplesColourCrops() throws IOException {
        Path model = Path.of("models", "photos-vp.ckpt");
        assertTrue(Files.exists(model), model + " is missing");
        Path out = tmp.resolve("photos");
        CliTest.Run r = run("sample", "--checkpoint", model.toString(), "--sampler", "ode-euler", "--steps", "3", "--n", "2",
                "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        ImageData samples = PngFolder.load(out.resolve("samples"), PixelScaling.SYMMETRIC);
        assertEquals(2, samples.size());
        assertEquals(3, samples.exampleShape()[0]);
        assertEquals(32, samples.exampleShape()[1]);
    }
}
