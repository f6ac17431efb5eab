package io.github.scoresde.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
    private static final int TAB_BLUE = 0x1f77b4;
    private static final int TAB_ORANGE = 0xff7f0e;

    @Test
    void writesPngOfDefaultSize(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("line.png");
        LinePlot.builder().title("t").axisLabels("x", "y")
                .series("a", new double[] {0, 1, 2}, new double[] {1, 3, 2})
                .build().write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "not a readable image");
        assertEquals(900, img.getWidth());
        assertEquals(600, img.getHeight());
    }

    @Test
    void seriesAreDrawnInPaletteColoursAtTheirData() {
        LinePlot plot = LinePlot.builder()
                .series("up", new double[] {0, 1}, new double[] {0, 1})
                .series("down", new double[] {0, 1}, new double[] {1, 0})
                .build();
        BufferedImage img = plot.render();
        Frame f = plot.frame();
        // Markers (7 px, opaque) sit on the data points; 40 allows for antialiased edges.
        assertTrue(Pixels.near(img, f.px(0), f.py(0), TAB_BLUE, 40));
        assertTrue(Pixels.near(img, f.px(1), f.py(0), TAB_ORANGE, 40));
        // The 1.8 px lines cross mid-way; the orange one is drawn last.
        assertTrue(Pixels.near(img, f.px(0.5), f.py(0.5), TAB_ORANGE, 60));
        // A point on neither line stays background or grid.
        assertTrue(Pixels.near(img, f.px(0.25), f.py(0.5), 0xFFFFFF, 30));
    }

    @Test
    void logAxesSkipNonPositiveAndNonFiniteValues() {
        LinePlot plot = LinePlot.builder().logX(true).logY(true)
                .series("mixed", new double[] {-1, 0, 1, 10, 100, Double.NaN},
                        new double[] {1, 5, -5, 10, 100, 7})
                .build();
        Frame f = plot.frame();
        // Only (10, 10) and (100, 100) are placeable: the range covers them and stays positive.
        assertTrue(f.x().log() && f.x().lo() > 1 && f.x().lo() < 10 && f.x().hi() > 100, "" + f.x().lo());
        assertTrue(f.y().lo() > 1 && f.y().hi() < 1000);
        BufferedImage img = plot.render();
        assertTrue(Pixels.near(img, f.px(100), f.py(100), TAB_BLUE, 40));
    }

    @Test
    void linearAxesIgnoreInfinities() {
        Frame f = LinePlot.builder()
                .series("s", new double[] {0, 1, 2}, new double[] {0, Double.POSITIVE_INFINITY, 1})
                .build().frame();
        // Range of {0, 1} padded by 5% each side; exact up to rounding.
        assertEquals(-0.05, f.y().lo(), 1e-12);
        assertEquals(1.05, f.y().hi(), 1e-12);
    }

    @Test
    void emptyAndAllInvalidSeriesRender() {
        LinePlot plot = LinePlot.builder().logY(true)
                .series("empty", new double[0], new double[0])
                .series("negative", new double[] {1, 2}, new double[] {-1, -2})
                .build();
        Frame f = plot.frame();
        assertEquals(1, f.y().lo(), 0.0); // default log range [1, 10] when nothing is placeable
        assertEquals(10, f.y().hi(), 0.0);
        assertEquals(600, plot.render().getHeight());
        assertEquals(600, LinePlot.builder().build().render().getHeight());
    }

    @Test
    void manySeriesStillRender() {
        LinePlot.Builder b = LinePlot.builder().size(400, 200);
        for (int i = 0; i < 30; i++) {
            b.series("series number " + i, new double[] {0, 1}, new double[] {i, i + 1});
        }
        BufferedImage img = b.build().render();
        // The 30 colours cycle through 12 palette entries; blue (index 0) is always present.
        assertTrue(Pixels.count(img, TAB_BLUE, 10) > 0);
    }

    @Test
    void rejectsMismatchedLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.builder().series("s", new double[2], new double[3]));
        assertEquals("series 's' has 2 x values but 3 y values", e.getMessage());
    }
}
