package io.github.scoresde.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Line chart of named (x, y) series with markers, optional log10 axes and a legend to the right of
 * the data area. Series get distinct colours (tab10 plus two) and marker shapes in the order added.
 *
 * <p>Points that cannot be placed (non-finite, or not positive on a log axis) are skipped and break
 * the line there. Long series get a marker on every k-th point only, at most about 40 markers, so
 * the lines stay visible. Immutable; build with {@link #builder()}.
 */
public final class LinePlot {
    /** Default image width in pixels. */
    public static final int DEFAULT_WIDTH = 900;
    /** Default image height in pixels. */
    public static final int DEFAULT_HEIGHT = 600;

    private static final double PADDING = 0.05;
    private static final double MARKER = 7;
    private static final int MAX_MARKERS = 40;
    private static final int LEGEND_GAP = 16;
    private static final int LEGEND_SWATCH = 26;

    private record Series(String name, double[] x, double[] y) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final int width;
    private final int height;
    private final List<Series> series;

    private LinePlot(Builder b) {
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.logX = b.logX;
        this.logY = b.logY;
        this.width = b.width;
        this.height = b.height;
        this.series = List.copyOf(b.series);
    }

    /** A builder with default size, linear axes and no series. */
    public static Builder builder() {
        return new Builder();
    }

    /** Renders the chart into a new RGB image. */
    public BufferedImage render() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Chart.begin(img);
        try {
            Frame f = frame(g);
            Chart.drawTitle(g, title, width);
            Chart.drawAxes(g, f, xLabel, yLabel);
            Rectangle a = f.area();
            if (series.stream().noneMatch(s -> validCount(s) > 0)) {
                g.setFont(Chart.LABEL);
                g.setColor(Color.GRAY);
                FontMetrics fm = g.getFontMetrics();
                String s = "no data";
                g.drawString(s, a.x + (a.width - fm.stringWidth(s)) / 2f, a.y + a.height / 2f);
            }
            // Markers on the frame may overhang it by their radius.
            int m = (int) MARKER;
            g.setClip(a.x - m, a.y - m, a.width + 2 * m, a.height + 2 * m);
            for (int i = 0; i < series.size(); i++) {
                drawSeries(g, f, i);
            }
            g.setClip(null);
            drawLegend(g, f);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders the chart and writes it as PNG, creating parent directories. */
    public void write(Path png) throws IOException {
        Chart.writePng(render(), png);
    }

    /** The data area and axes as {@link #render()} lays them out. */
    Frame frame() {
        Graphics2D g = Chart.begin(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB));
        try {
            return frame(g);
        } finally {
            g.dispose();
        }
    }

    private Frame frame(Graphics2D g) {
        double[] xr = range(true);
        double[] yr = range(false);
        int top = Chart.PAD + Chart.titleHeight(g, title) + 6;
        int bottom = Chart.bottomMargin(g, xLabel);
        int plotH = height - top - bottom;
        Axis yProbe = axis(yr, logY, plotH, 40);
        int left = Chart.leftMargin(g, yProbe, yLabel);
        int right = series.isEmpty() ? Chart.PAD + 14 : Chart.PAD + LEGEND_GAP + legendWidth(g);
        int plotW = width - left - right;
        return new Frame(new Rectangle(left, top, plotW, plotH), axis(xr, logX, plotW, 80), yProbe);
    }

    private static Axis axis(double[] r, boolean log, double lengthPx, double minSpacingPx) {
        return log
                ? Axis.log10(r[0], r[1], lengthPx, minSpacingPx)
                : Axis.linear(r[0], r[1], lengthPx, minSpacingPx);
    }

    // Padded range of the placeable points on one axis; a placeable point needs both coordinates.
    private double[] range(boolean xAxis) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int k = 0; k < s.x().length; k++) {
                if (placeable(s.x()[k], s.y()[k])) {
                    double v = xAxis ? s.x()[k] : s.y()[k];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        boolean log = xAxis ? logX : logY;
        if (min > max) {
            return log ? new double[] {1, 10} : new double[] {0, 1};
        }
        return log ? Axis.padLog(min, max, PADDING) : Axis.padLinear(min, max, PADDING);
    }

    private boolean placeable(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
    }

    private int validCount(Series s) {
        int n = 0;
        for (int k = 0; k < s.x().length; k++) {
            if (placeable(s.x()[k], s.y()[k])) {
                n++;
            }
        }
        return n;
    }

    private void drawSeries(Graphics2D g, Frame f, int index) {
        Series s = series.get(index);
        Color c = Palette.color(index);
        Path2D.Double line = new Path2D.Double();
        boolean penDown = false;
        for (int k = 0; k < s.x().length; k++) {
            if (!placeable(s.x()[k], s.y()[k])) {
                penDown = false; // a gap where data is missing, rather than a misleading segment
                continue;
            }
            double px = f.px(s.x()[k]);
            double py = f.py(s.y()[k]);
            if (penDown) {
                line.lineTo(px, py);
            } else {
                line.moveTo(px, py);
                penDown = true;
            }
        }
        g.setColor(c);
        g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(line);
        int valid = validCount(s);
        int every = Math.max(1, (valid + MAX_MARKERS - 1) / MAX_MARKERS);
        int seen = 0;
        for (int k = 0; k < s.x().length; k++) {
            if (placeable(s.x()[k], s.y()[k]) && seen++ % every == 0) {
                g.fill(Palette.marker(index, f.px(s.x()[k]), f.py(s.y()[k]), MARKER));
            }
        }
    }

    private String legendLabel(int index) {
        Series s = series.get(index);
        for (int k = 0; k < s.x().length; k++) {
            if (placeable(s.x()[k], s.y()[k])) {
                return s.name();
            }
        }
        return s.name() + " (no data)";
    }

    // At most 30% of the image width; longer names are cut with an ellipsis.
    private int legendWidth(Graphics2D g) {
        FontMetrics fm = g.getFontMetrics(Chart.TICK);
        int widest = 0;
        for (int i = 0; i < series.size(); i++) {
            widest = Math.max(widest, fm.stringWidth(legendLabel(i)));
        }
        return Math.min(LEGEND_SWATCH + 6 + widest, (int) (0.3 * width));
    }

    private void drawLegend(Graphics2D g, Frame f) {
        if (series.isEmpty()) {
            return;
        }
        g.setFont(Chart.TICK);
        FontMetrics fm = g.getFontMetrics();
        int rowH = fm.getHeight() + 4;
        int x = f.area().x + f.area().width + LEGEND_GAP;
        int textW = legendWidth(g) - LEGEND_SWATCH - 6;
        int fit = Math.max(1, f.area().height / rowH);
        // When the rows do not fit, the last one says how many were left out.
        int shown = series.size() <= fit ? series.size() : fit - 1;
        int y = f.area().y;
        for (int i = 0; i < shown; i++) {
            double cy = y + rowH / 2.0;
            g.setColor(Palette.color(i));
            g.setStroke(new BasicStroke(1.8f));
            g.draw(new Line2D.Double(x, cy, x + LEGEND_SWATCH, cy));
            g.fill(Palette.marker(i, x + LEGEND_SWATCH / 2.0, cy, MARKER));
            g.setColor(Chart.TEXT);
            g.drawString(Chart.ellipsize(legendLabel(i), fm, textW), x + LEGEND_SWATCH + 6,
                    (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0));
            y += rowH;
        }
        if (shown < series.size()) {
            g.setColor(Chart.TEXT);
            g.drawString("+" + (series.size() - shown) + " more", x, y + fm.getAscent());
        }
    }

    /** Collects the options and series of a {@link LinePlot}. Not thread-safe. */
    public static final class Builder {
        private String title = "";
        private String xLabel = "";
        private String yLabel = "";
        private boolean logX;
        private boolean logY;
        private int width = DEFAULT_WIDTH;
        private int height = DEFAULT_HEIGHT;
        private final List<Series> series = new ArrayList<>();

        private Builder() {}

        /** Title drawn at the top; empty for none. */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** Axis labels; empty for none. */
        public Builder axisLabels(String xLabel, String yLabel) {
            this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
            this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
            return this;
        }

        /** Whether the x axis is log10; non-positive x values are then skipped. */
        public Builder logX(boolean logX) {
            this.logX = logX;
            return this;
        }

        /** Whether the y axis is log10; non-positive y values are then skipped. */
        public Builder logY(boolean logY) {
            this.logY = logY;
            return this;
        }

        /** Image size in pixels, each side at least 160. */
        public Builder size(int width, int height) {
            Chart.requireSize(width, height);
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * Adds a series; the arrays are copied. It may be empty or hold non-finite values.
         *
         * @throws IllegalArgumentException if x and y differ in length
         */
        public Builder series(String name, double[] x, double[] y) {
            Objects.requireNonNull(name, "name");
            if (x == null || y == null) {
                throw new IllegalArgumentException("series '" + name + "' has null x or y");
            }
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.length
                        + " x values but " + y.length + " y values");
            }
            series.add(new Series(name, x.clone(), y.clone()));
            return this;
        }

        /** The chart; later changes to this builder do not affect it. */
        public LinePlot build() {
            return new LinePlot(this);
        }
    }
}
