package io.github.scoresde.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.tensor.Rng;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDataTest {
    private static ImageData mnist;

    @BeforeAll
    static void load(@TempDir Path tmp) {
        IdxFile.Images images = IdxFile.readImages(Fixture.copy(Fixture.IMAGES, tmp, Fixture.IMAGES));
        int[] labels = IdxFile.readLabels(Fixture.copy(Fixture.LABELS, tmp, Fixture.LABELS));
        mnist = new ImageData(images.pixels(), 1, 28, 28, labels, KnownImageSet.MNIST.classNames(), PixelScaling.SYMMETRIC);
    }

    @Test
    void shapesAndLabels() {
        assertEquals(256, mnist.size());
        assertArrayEquals(new long[] {1, 28, 28}, mnist.exampleShape());
        assertArrayEquals(Fixture.FIRST_LABELS, Arrays.copyOf(mnist.labels().orElseThrow(), 10));
        assertEquals(10, mnist.classNames().size());
    }

    @Test
    void batchesDependOnTheRngOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = mnist.batch(m, 32, DataType.FLOAT32, new Rng(5));
            NDArray b = mnist.batch(m, 32, DataType.FLOAT32, new Rng(5));
            NDArray c = mnist.batch(m, 32, DataType.FLOAT32, new Rng(6));
            assertEquals(new Shape(32, 1, 28, 28), a.getShape());
            assertArrayEquals(a.toFloatArray(), b.toFloatArray());
            assertFalse(Arrays.equals(a.toFloatArray(), c.toFloatArray()));
            assertTrue(a.min().getFloat() >= -1 && a.max().getFloat() <= 1);
            assertEquals(-1f, a.min().getFloat(), "MNIST has black background pixels");
        }
    }

    @Test
    void batchHoldsWholeDataImages() {
        Set<String> images = new HashSet<>();
        for (int i = 0; i < mnist.size(); i++) {
            images.add(Arrays.toString(mnist.pixels(i)));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float[] batch = mnist.batch(m, 8, DataType.FLOAT64, new Rng(1)).toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < 8; i++) {
                byte[] pixels = new byte[784];
                for (int j = 0; j < 784; j++) {
                    pixels[j] = (byte) PixelScaling.SYMMETRIC.toPixel(batch[i * 784 + j]);
                }
                assertTrue(images.contains(Arrays.toString(pixels)), "batch image " + i + " is a data image");
            }
        }
    }

    @Test
    void firstImagesInDataUnits() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray first = mnist.first(m, 3);
            assertEquals(new Shape(3, 1, 28, 28), first.getShape());
            float[] values = first.toFloatArray();
            byte[] second = mnist.pixels(1);
            for (int j = 0; j < 784; j++) {
                assertEquals((float) PixelScaling.SYMMETRIC.toData(second[j] & 0xff), values[784 + j]);
            }
        }
    }

    @Test
    void stdOfTwoImagesByHand() {
        // pixel 0 is -1 in one image and 1 in the other: sample std sqrt(2); pixel 1 is 1 in both: 0.
        ImageData two = new ImageData(new byte[] {0, (byte) 255, (byte) 255, (byte) 255}, 1, 1, 2, null, List.of(),
                PixelScaling.SYMMETRIC);
        assertEquals(Math.sqrt(2) / 2, two.std(), 1e-12);
    }

    @Test
    void stdOfFixtureMatchesPython() {
        // 0.3869339326 by statistics.stdev per pixel in Python, averaged over the 784 pixels.
        assertEquals(0.3869339326, mnist.std(), 1e-9);
    }
}
