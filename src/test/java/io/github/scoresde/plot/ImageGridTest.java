package io.github.scoresde.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.train.data.PixelScaling;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    @TempDir
    Path tmp;

    /** Five gray 2 x 3 images; image i has pixel k = 40 i + k. */
    private static List<byte[]> five() {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] p = new byte[6];
            for (int k = 0; k < 6; k++) {
                p[k] = (byte) (40 * i + k);
            }
            images.add(p);
        }
        return images;
    }

    @Test
    void sizeAndPixelsOfAnUpscaledGrid() throws IOException {
        BufferedImage grid = ImageGrid.of(five(), 1, 2, 3, 3, 4, List.of());
        // 3 columns of 3 * 4 px plus gutters of 2 px: 3 * (12 + 2) + 2; 2 rows of 2 * 4 px: 2 * (8 + 2) + 2.
        assertEquals(44, grid.getWidth());
        assertEquals(22, grid.getHeight());
        assertEquals(0xffffff, grid.getRGB(0, 0) & 0xffffff, "gutter");
        // image 0, row 1, column 2 (value 5) covers x in [2 + 8, 2 + 12), y in [2 + 4, 2 + 8).
        assertEquals(0x050505, grid.getRGB(10, 6) & 0xffffff);
        assertEquals(0x050505, grid.getRGB(13, 7) & 0xffffff);
        // image 4 sits in row 1, column 1: its first pixel (value 160) starts at (2 + 14, 2 + 10).
        assertEquals(0xa0a0a0, grid.getRGB(16, 12) & 0xffffff);
        assertEquals(0xffffff, grid.getRGB(40, 18) & 0xffffff, "the empty sixth cell stays white");
        Path png = tmp.resolve("sub/grid.png");
        ImageGrid.write(grid, png);
        assertEquals(44, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void dataUnitsGoBackToPixelsThroughTheScaling() {
        try (NDManager m = NDManager.newBaseManager()) {
            // One RGB 1 x 2 image: pixel 0 is (-1, 0, 1), pixel 1 is (2, 2, -5), clamped to white and black.
            var x = m.create(new float[] {-1, 2, 0, 2, 1, -5}, new Shape(1, 3, 1, 2));
            BufferedImage grid = ImageGrid.of(x, PixelScaling.SYMMETRIC, 8, 1, List.of());
            assertEquals(2 + 2 + 2, grid.getWidth());
            assertEquals(0x0080ff, grid.getRGB(2, 2) & 0xffffff, "0 maps to 127.5, rounded to 128");
            assertEquals(0xffff00, grid.getRGB(3, 2) & 0xffffff);
        }
    }

    @Test
    void captionsAddARowOfText() {
        BufferedImage plain = ImageGrid.of(five(), 1, 2, 3, 5, 10, List.of());
        BufferedImage captioned = ImageGrid.of(five(), 1, 2, 3, 5, 10, List.of("a", "b", "c", "d", "e"));
        assertEquals(plain.getWidth(), captioned.getWidth());
        assertTrue(captioned.getHeight() > plain.getHeight() + 8, "a line of text is taller than 8 px");
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(five(), 1, 2, 3, 5, 10, List.of("a")));
    }
}
