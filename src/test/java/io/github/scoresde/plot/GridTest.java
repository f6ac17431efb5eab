package io.github.scoresde.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridTest {

    private static BufferedImage filled(Color c, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    @Test
    void placesPanelsInRowsUnderCaptions() {
        BufferedImage red = filled(Color.RED, 100, 80);
        BufferedImage blue = filled(Color.BLUE, 100, 80);
        BufferedImage one = Grid.of(List.of(red), List.of("a"), 1);
        int captionH = one.getHeight() - 80 - 2 * 10; // panel, gap below the row, outer gap

        // More columns than panels: only two are used; 10 px gaps around and between cells.
        BufferedImage row = Grid.of(List.of(red, blue), List.of("VE", "VP"), 3);
        assertEquals(2 * 110 + 10, row.getWidth());
        assertEquals(one.getHeight(), row.getHeight());
        assertTrue(Pixels.near(row, 10 + 110 + 50, row.getHeight() - 10 - 40, 0x0000FF, 0));
        assertTrue(Pixels.near(row, 10 + 50, row.getHeight() - 10 - 40, 0xFF0000, 0));

        BufferedImage twoRows = Grid.of(List.of(red, blue, red), List.of("1", "2", "3"), 2);
        assertEquals(2 * (captionH + 80 + 10) + 10, twoRows.getHeight());
    }

    @Test
    void writesPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("grid.png");
        Grid.write(List.of(filled(Color.GREEN, 50, 50)), List.of(""), 1, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "not a readable image");
        assertEquals(70, img.getWidth());
    }

    @Test
    void rejectsBadInput() {
        BufferedImage p = filled(Color.RED, 10, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Grid.of(List.of(p, p), List.of("a"), 2));
        assertEquals("there are 2 panels but 1 captions", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Grid.of(List.of(p), List.of("a"), 0));
        assertEquals("columns must be at least 1 but was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Grid.of(List.of(), List.of(), 1));
        assertEquals("at least one panel is needed", e.getMessage());
    }
}
