package io.github.scoresde.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterPlotTest {
    private static final int RED = 0xFF0000;

    private static double[][] gaussian(int n, SplittableRandom rnd) {
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = rnd.nextGaussian();
            row[1] = rnd.nextGaussian();
        }
        return x;
    }

    @Test
    void writesPngOfDefaultSize(@TempDir Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        Path png = dir.resolve("sub/scatter.png");
        ScatterPlot.builder().title("ring")
                .layer("reference", gaussian(2000, rnd), ScatterPlot.REFERENCE_GREY)
                .layer("generated", gaussian(2000, rnd), ScatterPlot.SAMPLE_BLUE)
                .build().write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "not a readable image");
        assertEquals(640, img.getWidth());
        assertEquals(640, img.getHeight());
    }

    @Test
    void pointIsDrawnWhereItsCoordinatesMap() {
        ScatterPlot centre = ScatterPlot.builder().bounds(-1, 1, -1, 1)
                .layer("p", new double[][] {{0, 0}}, new Color(RED), 8).build();
        Frame f = centre.frame();
        Rectangle a = f.area();
        // 0 is the middle of [-1, 1]; exact up to floating-point rounding.
        assertEquals(a.x + a.width / 2.0, f.px(0), 1e-9);
        assertEquals(a.y + a.height / 2.0, f.py(0), 1e-9);
        BufferedImage img = centre.render();
        // An opaque 8 px dot: its centre pixel is pure red up to antialiasing (tolerance 40).
        assertTrue(Pixels.near(img, f.px(0), f.py(0), RED, 40));
        assertFalse(Pixels.near(img, f.px(0.5), f.py(-0.5), RED, 40));

        ScatterPlot offCentre = ScatterPlot.builder().bounds(-1, 1, -1, 1)
                .layer("p", new double[][] {{0.5, -0.5}}, new Color(RED), 8).build();
        BufferedImage img2 = offCentre.render();
        Frame f2 = offCentre.frame();
        // Lower right quadrant: larger x is further right, smaller y further down.
        assertTrue(f2.px(0.5) > f2.px(0) && f2.py(-0.5) > f2.py(0));
        assertTrue(Pixels.near(img2, f2.px(0.5), f2.py(-0.5), RED, 40));
        assertFalse(Pixels.near(img2, f2.px(0), f2.py(0), RED, 40));
    }

    @Test
    void quantileBoundsIgnoreOutliersAndCountThem() {
        double[][] pts = gaussian(1000, new SplittableRandom(2));
        pts[0] = new double[] {1e6, 0};
        pts[1] = new double[] {0, Double.NaN};
        ScatterPlot plot = ScatterPlot.builder().layer("gen", pts, Color.BLUE).build();
        Frame f = plot.frame();
        // 99.5% quantile of 1000 N(0,1) draws is about 2.6; padded by 5% of the span, about 2.9.
        assertTrue(f.x().hi() < 4 && f.x().lo() > -4, f.x().lo() + " " + f.x().hi());
        // The far point and the NaN one; a N(0,1) draw beyond the 99.5% quantiles also counts,
        // and there are about 1000 * 0.01 of those per axis.
        String label = plot.legendLabels().get(0);
        assertTrue(label.startsWith("gen (n=1000, ") && label.endsWith(" outside view)"), label);
        long outside = Long.parseLong(label.replaceAll(".*, (\\d+) outside view\\)", "$1"));
        assertTrue(outside >= 2 && outside <= 40, label);
    }

    @Test
    void equalAspectGivesSquareDataUnits() {
        ScatterPlot wide = ScatterPlot.builder().bounds(0, 4, 0, 1).equalAspect(true)
                .layer("p", new double[][] {{1, 1}}, Color.BLACK).build();
        Frame f = wide.frame();
        double xUnit = f.px(1) - f.px(0);
        double yUnit = f.py(0) - f.py(1);
        // The box size is rounded to whole pixels: at most 1 px over 1 unit of ~140 px.
        assertEquals(xUnit, yUnit, 1.0);
        Frame free = ScatterPlot.builder().bounds(0, 4, 0, 1)
                .layer("p", new double[][] {{1, 1}}, Color.BLACK).build().frame();
        // Without it a square image stretches y by about 4x.
        assertTrue(free.py(0) - free.py(1) > 3 * (free.px(1) - free.px(0)));
    }

    @Test
    void rendersWithoutPoints() {
        BufferedImage img = ScatterPlot.builder().size(300, 200).layer("none", new double[0][], Color.RED)
                .build().render();
        assertEquals(300, img.getWidth());
        assertEquals(200, img.getHeight());
        assertEquals(200, ScatterPlot.builder().size(200, 200).build().render().getHeight());
    }

    @Test
    void rejectsBadInput() {
        ScatterPlot.Builder b = ScatterPlot.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.layer("x", new double[][] {{1, 2}, {3}}, Color.RED));
        assertEquals("layer 'x' row 1 has 1 columns but 2 are needed", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.bounds(1, 1, 0, 1));
        assertEquals("bounds must be finite with min < max but were x [1.0, 1.0], y [0.0, 1.0]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.size(100, 640));
        assertEquals("image size must be at least 160x160 but was 100x640", e.getMessage());
        assertEquals(List.of(), b.build().legendLabels());
    }
}
