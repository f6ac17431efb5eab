package io.github.scoresde.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.UserInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngFolderTest {
    @TempDir
    Path tmp;

    @Test
    void grayImagesKeepTheirExactValues() throws IOException {
        writeGray(tmp.resolve("b.png"), 3, 2, 100);
        writeGray(tmp.resolve("a.png"), 3, 2, 7);
        ImageData data = PngFolder.load(tmp, PixelScaling.SYMMETRIC);
        assertArrayEquals(new long[] {1, 2, 3}, data.exampleShape());
        assertEquals(2, data.size());
        assertArrayEquals(new byte[] {7, 8, 9, 10, 11, 12}, data.pixels(0), "a.png first: sorted by path");
        assertArrayEquals(new byte[] {100, 101, 102, 103, 104, 105}, data.pixels(1));
        assertTrue(data.labels().isEmpty());
    }

    @Test
    void anyColourMakesThreeChannels() throws IOException {
        writeGray(tmp.resolve("gray.png"), 2, 2, 0);
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 0, 0x102030);
        ImageIO.write(rgb, "png", tmp.resolve("rgb.png").toFile());
        ImageData data = PngFolder.load(tmp, PixelScaling.SYMMETRIC);
        assertArrayEquals(new long[] {3, 2, 2}, data.exampleShape());
        assertArrayEquals(new byte[] {0, 0x10, 0, 0, 0, 0x20, 0, 0, 0, 0x30, 0, 0}, data.pixels(1), "R, G, B planes");
        assertArrayEquals(new byte[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, data.pixels(0), "gray copied to all planes");
    }

    @Test
    void rgbFilesWithGrayContentAreGray() throws IOException {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x404040);
        ImageIO.write(rgb, "png", tmp.resolve("x.png").toFile());
        ImageData data = PngFolder.load(tmp, PixelScaling.SYMMETRIC);
        assertArrayEquals(new long[] {1, 1, 2}, data.exampleShape());
        assertArrayEquals(new byte[] {0x40, 0}, data.pixels(0));
    }

    @Test
    void classSubfoldersGiveLabels() throws IOException {
        writeGray(tmp.resolve("dog/1.png"), 2, 2, 0);
        writeGray(tmp.resolve("cat/2.png"), 2, 2, 0);
        writeGray(tmp.resolve("dog/0.png"), 2, 2, 0);
        ImageData data = PngFolder.load(tmp, PixelScaling.SYMMETRIC);
        assertEquals(List.of("cat", "dog"), data.classNames());
        assertArrayEquals(new int[] {0, 1, 1}, data.labels().orElseThrow());
    }

    @Test
    void sizeMismatchNamesTheFileAndBothSizes() throws IOException {
        writeGray(tmp.resolve("a.png"), 4, 3, 0);
        writeGray(tmp.resolve("b.png"), 5, 3, 0);
        UserInputException e = assertThrows(UserInputException.class, () -> PngFolder.load(tmp, PixelScaling.SYMMETRIC));
        assertTrue(e.getMessage().contains("b.png is 5x3") && e.getMessage().contains("a.png is 4x3"), e.getMessage());
    }

    @Test
    void emptyFolderIsRefused() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "no images");
        UserInputException e = assertThrows(UserInputException.class, () -> PngFolder.load(tmp, PixelScaling.SYMMETRIC));
        assertTrue(e.getMessage().startsWith("no .png images under"), e.getMessage());
    }

    /** A gray PNG whose pixel k (row-major) is start + k. */
    static void writeGray(Path file, int width, int height, int start) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int k = 0; k < width * height; k++) {
            img.getRaster().setSample(k % width, k / width, 0, start + k);
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }
}
