package io.github.scoresde.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Drawing pieces shared by the charts: fonts, margins, axes, text and PNG output. */
final class Chart {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color TEXT = new Color(0x222222);
    static final int PAD = 12;
    static final int TICK_LEN = 5;
    /** Smallest accepted image side; below it labels leave no room for data. */
    static final int MIN_SIDE = 160;

    private static final Color FRAME = new Color(0x444444);
    private static final Color GRID = new Color(0xE8E8E8);

    private Chart() {}

    static void requireSize(int width, int height) {
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new IllegalArgumentException(
                    "image size must be at least " + MIN_SIDE + "x" + MIN_SIDE + " but was "
                            + width + "x" + height);
        }
    }

    /** A white RGB image and an antialiased graphics context on it. */
    static Graphics2D begin(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    /** Height taken by the title line plus its gap, 0 without a title. */
    static int titleHeight(Graphics2D g, String title) {
        return title.isEmpty() ? 0 : g.getFontMetrics(TITLE).getHeight() + 6;
    }

    /** Draws the title centred at the top of an image of the given width. */
    static void drawTitle(Graphics2D g, String title, int width) {
        if (title.isEmpty()) {
            return;
        }
        g.setFont(TITLE);
        g.setColor(TEXT);
        FontMetrics fm = g.getFontMetrics();
        String s = ellipsize(title, fm, width - 2 * PAD);
        g.drawString(s, (width - fm.stringWidth(s)) / 2, PAD + fm.getAscent());
    }

    /** Pixels below the data area: ticks, tick labels and the optional x label. */
    static int bottomMargin(Graphics2D g, String xLabel) {
        int h = PAD + TICK_LEN + 4 + g.getFontMetrics(TICK).getHeight();
        return xLabel.isEmpty() ? h : h + g.getFontMetrics(LABEL).getHeight() + 4;
    }

    /** Pixels left of the data area needed by the y axis's tick labels and optional label. */
    static int leftMargin(Graphics2D g, Axis y, String yLabel) {
        FontMetrics fm = g.getFontMetrics(TICK);
        int widest = 0;
        for (Axis.Tick t : y.major()) {
            widest = Math.max(widest, fm.stringWidth(t.label()));
        }
        int w = PAD + widest + TICK_LEN + 4;
        return yLabel.isEmpty() ? w : w + g.getFontMetrics(LABEL).getHeight() + 6;
    }

    /**
     * Draws grid lines, the frame, ticks, tick labels and axis labels. Tick labels are skipped
     * where they would overlap the previous one, so crowded axes stay legible.
     */
    static void drawAxes(Graphics2D g, Frame f, String xLabel, String yLabel) {
        Rectangle a = f.area();
        g.setStroke(new BasicStroke(1f));
        g.setColor(GRID);
        for (Axis.Tick t : f.x().major()) {
            g.draw(new Line2D.Double(f.px(t.value()), a.y, f.px(t.value()), a.y + a.height));
        }
        for (Axis.Tick t : f.y().major()) {
            g.draw(new Line2D.Double(a.x, f.py(t.value()), a.x + a.width, f.py(t.value())));
        }
        g.setColor(FRAME);
        g.draw(new Rectangle(a.x, a.y, a.width, a.height));
        for (double v : f.x().minor()) {
            double bottom = a.y + a.height;
            g.draw(new Line2D.Double(f.px(v), bottom, f.px(v), bottom + TICK_LEN / 2.0 + 0.5));
        }
        for (double v : f.y().minor()) {
            g.draw(new Line2D.Double(a.x - TICK_LEN / 2.0 - 0.5, f.py(v), a.x, f.py(v)));
        }

        g.setFont(TICK);
        FontMetrics fm = g.getFontMetrics();
        double lastRight = Double.NEGATIVE_INFINITY;
        for (Axis.Tick t : f.x().major()) {
            double x = f.px(t.value());
            g.setColor(FRAME);
            g.draw(new Line2D.Double(x, a.y + a.height, x, a.y + a.height + TICK_LEN));
            int w = fm.stringWidth(t.label());
            double left = x - w / 2.0;
            if (left > lastRight + 6) {
                g.setColor(TEXT);
                g.drawString(t.label(), (float) left, a.y + a.height + TICK_LEN + 2 + fm.getAscent());
                lastRight = left + w;
            }
        }
        double lastTop = Double.POSITIVE_INFINITY;
        for (Axis.Tick t : f.y().major()) {
            double y = f.py(t.value());
            g.setColor(FRAME);
            g.draw(new Line2D.Double(a.x - TICK_LEN, y, a.x, y));
            double base = y + (fm.getAscent() - fm.getDescent()) / 2.0;
            if (base < lastTop - 2) {
                g.setColor(TEXT);
                float x = a.x - TICK_LEN - 3 - fm.stringWidth(t.label());
                g.drawString(t.label(), x, (float) base);
                lastTop = base - fm.getAscent();
            }
        }

        g.setFont(LABEL);
        g.setColor(TEXT);
        FontMetrics lm = g.getFontMetrics();
        if (!xLabel.isEmpty()) {
            String s = ellipsize(xLabel, lm, a.width);
            g.drawString(s, a.x + (a.width - lm.stringWidth(s)) / 2f,
                    a.y + a.height + TICK_LEN + 4 + fm.getHeight() + lm.getAscent());
        }
        if (!yLabel.isEmpty()) {
            String s = ellipsize(yLabel, lm, a.height);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            // After rotating by -90 degrees, drawing at (-y, x) puts text at (x, y), reading upwards.
            g.drawString(s, -(a.y + (a.height + lm.stringWidth(s)) / 2f), PAD + lm.getAscent());
            g.setTransform(saved);
        }
    }

    /** {@code s} cut and ended with an ellipsis so that it is at most {@code maxWidth} wide. */
    static String ellipsize(String s, FontMetrics fm, int maxWidth) {
        if (fm.stringWidth(s) <= maxWidth) {
            return s;
        }
        int end = s.length();
        while (end > 0 && fm.stringWidth(s.substring(0, end) + "…") > maxWidth) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /** Writes {@code img} as PNG, creating missing parent directories. */
    static void writePng(BufferedImage img, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }
}
