package io.github.scoresde.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.UserInputException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The photo crops: deterministic, halved by 2x2 box means, training crops from the left 80% and
 * test crops from the right 20% of each photograph (checked on synthetic photographs whose red
 * channel is the column of the halved image and green its row).
 */
class PhotoCropsTest {
    @TempDir
    Path tmp;

    /** A photograph of 2w x 2h whose 2x2 blocks hold (red, green) = (column, row) of the halved image. */
    private static BufferedImage coded(int w, int h) {
        BufferedImage img = new BufferedImage(2 * w, 2 * h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2 * h; y++) {
            for (int x = 0; x < 2 * w; x++) {
                img.setRGB(x, y, (x / 2) << 16 | (y / 2) << 8 | 7);
            }
        }
        return img;
    }

    @Test
    void trainAndTestCropsComeFromDisjointColumns() {
        List<BufferedImage> photos = List.of(coded(200, 40), coded(200, 40));
        int plane = PhotoCrops.SIZE * PhotoCrops.SIZE;
        for (boolean test : new boolean[] {false, true}) {
            ImageData crops = PhotoCrops.crops(photos, test, 50, 3);
            assertEquals(50, crops.size());
            assertArrayEquals(new long[] {3, 32, 32}, crops.exampleShape());
            for (int i = 0; i < crops.size(); i++) {
                byte[] p = crops.pixels(i);
                int left = p[0] & 0xff;
                int right = p[31] & 0xff;
                assertEquals(31, right - left, "a crop is 32 consecutive columns");
                assertEquals(1, (p[plane + 32] & 0xff) - (p[plane] & 0xff), "and consecutive rows");
                assertEquals(7, p[2 * plane] & 0xff, "blue is kept");
                // The split is at column 160 of the 200-column halved image.
                assertTrue(test ? left >= 160 : right < 160, (test ? "test" : "train") + " crop at column " + left);
            }
        }
        assertArrayEquals(PhotoCrops.crops(photos, false, 5, 3).pixels(4), PhotoCrops.crops(photos, false, 5, 3).pixels(4),
                "same seed, same crops");
    }

    @Test
    void photographsTooSmallForACropAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PhotoCrops.crops(List.of(coded(30, 30)), false, 1, 0));
    }

    @Test
    void unfetchedPhotosNameTheFetchCommand() {
        UserInputException e = assertThrows(UserInputException.class, () -> ImageDataSets.load("photos:test", tmp));
        assertTrue(e.getMessage().contains("scoresde data fetch photos"), e.getMessage());
        assertTrue(ImageDataSets.isImageName("photos") && ImageDataSets.isImageName("photos:test"));
    }
}
