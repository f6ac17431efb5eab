package io.github.scoresde.plot;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Series colours and marker shapes, cycled by series index. */
final class Palette {
    // Matplotlib's tab10 (Tableau 10), then two dark tab20b colours to reach 12 distinct ones.
    private static final int[] RGB = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b,
        0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf, 0x393b79, 0x637939,
    };
    // 5 shapes against 12 colours: coprime cycles, so the first 60 series are all distinct.
    private static final int SHAPES = 5;

    private Palette() {}

    /** Colour of series {@code i}. */
    static Color color(int i) {
        return new Color(RGB[i % RGB.length]);
    }

    /** Marker of series {@code i} centred at (cx, cy) with the given nominal size in pixels. */
    static Shape marker(int i, double cx, double cy, double size) {
        double r = size / 2;
        return switch (i % SHAPES) {
            case 0 -> new Ellipse2D.Double(cx - r, cy - r, size, size);
            case 1 -> new Rectangle2D.Double(cx - r * 0.9, cy - r * 0.9, size * 0.9, size * 0.9);
            case 2 -> polygon(cx, cy, r * 1.15, new double[] {-90, 30, 150});
            case 3 -> polygon(cx, cy, r * 1.2, new double[] {-90, 0, 90, 180});
            default -> polygon(cx, cy, r * 1.15, new double[] {90, 210, 330});
        };
    }

    private static Shape polygon(double cx, double cy, double r, double[] degrees) {
        Path2D.Double p = new Path2D.Double();
        for (int k = 0; k < degrees.length; k++) {
            double a = Math.toRadians(degrees[k]);
            double x = cx + r * Math.cos(a);
            double y = cy + r * Math.sin(a);
            if (k == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }
}
