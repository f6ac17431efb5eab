package io.github.scoresde.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Scatter plot of one or more point layers (first two columns of {@code double[n][d]}), drawn in
 * the order added, each as small alpha-blended dots, with a legend above the data area.
 *
 * <p>Unless fixed bounds are set, the view spans the 0.5% to 99.5% quantiles of all layers on each
 * axis, padded by 5%, so a few outliers cannot squash the bulk; the legend counts each layer's
 * points outside the view (non-finite ones included).
 *
 * <p>Immutable; build with {@link #builder()}. Layers keep references to the caller's arrays.
 */
public final class ScatterPlot {
    /** Default image width in pixels. */
    public static final int DEFAULT_WIDTH = 640;
    /** Default image height in pixels. */
    public static final int DEFAULT_HEIGHT = 640;
    /** Translucent grey suited to a reference layer drawn underneath. */
    public static final Color REFERENCE_GREY = new Color(120, 120, 120, 70);
    /** Translucent blue (tab10 blue) suited to generated samples drawn on top. */
    public static final Color SAMPLE_BLUE = new Color(31, 119, 180, 110);
    /** Default dot diameter in pixels. */
    public static final double DEFAULT_POINT_SIZE = 2.5;

    private static final double LOW_QUANTILE = 0.005;
    private static final double HIGH_QUANTILE = 0.995;
    private static final double PADDING = 0.05;
    private static final int SWATCH = 9;

    private record Layer(String label, double[][] points, Color color, double pointSize) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final int width;
    private final int height;
    private final double[] bounds;
    private final boolean equalAspect;
    private final List<Layer> layers;

    private ScatterPlot(Builder b) {
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.width = b.width;
        this.height = b.height;
        this.bounds = b.bounds == null ? null : b.bounds.clone();
        this.equalAspect = b.equalAspect;
        this.layers = List.copyOf(b.layers);
    }

    /** A builder with default size, no title, automatic bounds and free aspect. */
    public static Builder builder() {
        return new Builder();
    }

    /** Renders the plot into a new RGB image. */
    public BufferedImage render() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Chart.begin(img);
        try {
            double[] view = view();
            List<String> legend = legendLabels(view);
            Frame f = frame(g, view, legend);
            Chart.drawTitle(g, title, width);
            Chart.drawAxes(g, f, xLabel, yLabel);
            drawLegend(g, legend, Chart.PAD + Chart.titleHeight(g, title));
            Rectangle a = f.area();
            g.setClip(a.x, a.y, a.width + 1, a.height + 1);
            for (Layer layer : layers) {
                g.setColor(layer.color());
                double r = layer.pointSize() / 2;
                for (double[] p : layer.points()) {
                    if (inside(p, view)) {
                        g.fill(new Ellipse2D.Double(f.px(p[0]) - r, f.py(p[1]) - r, 2 * r, 2 * r));
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders the plot and writes it as PNG, creating parent directories. */
    public void write(Path png) throws IOException {
        Chart.writePng(render(), png);
    }

    /** The data area and axes as {@link #render()} lays them out. */
    Frame frame() {
        Graphics2D g = Chart.begin(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB));
        try {
            double[] view = view();
            return frame(g, view, legendLabels(view));
        } finally {
            g.dispose();
        }
    }

    private Frame frame(Graphics2D g, double[] view, List<String> legend) {
        int top = Chart.PAD + Chart.titleHeight(g, title) + legendHeight(g, legend) + 8;
        int bottom = Chart.bottomMargin(g, xLabel);
        int plotH = height - top - bottom;
        int left = Chart.leftMargin(g, Axis.linear(view[2], view[3], plotH, 50), yLabel);
        int right = Chart.PAD + 14; // room for half of the last x tick label
        Rectangle box = new Rectangle(left, top, width - left - right, plotH);
        if (equalAspect) {
            // Shrink the box (not the view) so one data unit spans the same pixels on both axes.
            double scale = Math.min(box.width / (view[1] - view[0]), box.height / (view[3] - view[2]));
            int w = (int) Math.round((view[1] - view[0]) * scale);
            int h = (int) Math.round((view[3] - view[2]) * scale);
            box = new Rectangle(box.x + (box.width - w) / 2, box.y + (box.height - h) / 2, w, h);
        }
        return new Frame(box, Axis.linear(view[0], view[1], box.width, 80),
                Axis.linear(view[2], view[3], box.height, 50));
    }

    /** {xMin, xMax, yMin, yMax}: the fixed bounds, or padded quantiles of all finite points. */
    private double[] view() {
        if (bounds != null) {
            return bounds.clone();
        }
        double[] x = finiteColumn(0);
        double[] y = finiteColumn(1);
        if (x.length == 0) {
            return new double[] {-1, 1, -1, 1};
        }
        double[] xr = Axis.padLinear(quantile(x, LOW_QUANTILE), quantile(x, HIGH_QUANTILE), PADDING);
        double[] yr = Axis.padLinear(quantile(y, LOW_QUANTILE), quantile(y, HIGH_QUANTILE), PADDING);
        return new double[] {xr[0], xr[1], yr[0], yr[1]};
    }

    // Values of one column over all layers' points that are finite in both columns, sorted.
    private double[] finiteColumn(int col) {
        double[] v = layers.stream()
                .flatMap(l -> Arrays.stream(l.points()))
                .filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1]))
                .mapToDouble(p -> p[col])
                .toArray();
        Arrays.sort(v);
        return v;
    }

    // Linear interpolation between order statistics (type 7 of Hyndman and Fan, 1996).
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    private static boolean inside(double[] p, double[] view) {
        return p[0] >= view[0] && p[0] <= view[1] && p[1] >= view[2] && p[1] <= view[3];
    }

    /** Legend texts, one per layer, with the counts of points outside the view. */
    List<String> legendLabels() {
        return legendLabels(view());
    }

    private List<String> legendLabels(double[] view) {
        List<String> labels = new ArrayList<>();
        for (Layer layer : layers) {
            long outside = Arrays.stream(layer.points()).filter(p -> !inside(p, view)).count();
            String counts = "n=" + layer.points().length
                    + (outside > 0 ? ", " + outside + " outside view" : "");
            labels.add(layer.label().isEmpty() ? counts : layer.label() + " (" + counts + ")");
        }
        return labels;
    }

    // Entries flow left to right and wrap; each is a dot swatch, a gap and the label.
    private int legendHeight(Graphics2D g, List<String> legend) {
        return legendRows(g, legend).size() * g.getFontMetrics(Chart.TICK).getHeight();
    }

    private List<List<Integer>> legendRows(Graphics2D g, List<String> legend) {
        FontMetrics fm = g.getFontMetrics(Chart.TICK);
        int avail = width - 2 * Chart.PAD;
        List<List<Integer>> rows = new ArrayList<>();
        int used = avail + 1;
        for (int i = 0; i < legend.size(); i++) {
            int w = entryWidth(fm, legend.get(i), avail);
            if (used + w > avail) {
                rows.add(new ArrayList<>());
                used = 0;
            }
            rows.get(rows.size() - 1).add(i);
            used += w;
        }
        return rows;
    }

    private static int entryWidth(FontMetrics fm, String label, int avail) {
        return Math.min(avail, SWATCH + 6 + fm.stringWidth(label) + 18);
    }

    private void drawLegend(Graphics2D g, List<String> legend, int top) {
        g.setFont(Chart.TICK);
        FontMetrics fm = g.getFontMetrics();
        int avail = width - 2 * Chart.PAD;
        int y = top;
        for (List<Integer> row : legendRows(g, legend)) {
            int rowWidth = row.stream().mapToInt(i -> entryWidth(fm, legend.get(i), avail)).sum() - 18;
            int x = Math.max(Chart.PAD, (width - rowWidth) / 2);
            for (int i : row) {
                Layer layer = layers.get(i);
                Color c = layer.color();
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue())); // opaque, to be legible
                int cy = y + fm.getHeight() / 2;
                g.fill(new Ellipse2D.Double(x, cy - SWATCH / 2.0, SWATCH, SWATCH));
                g.setColor(Chart.TEXT);
                String s = Chart.ellipsize(legend.get(i), fm, avail - SWATCH - 6);
                g.drawString(s, x + SWATCH + 6, y + fm.getAscent());
                x += entryWidth(fm, legend.get(i), avail);
            }
            y += fm.getHeight();
        }
    }

    /** Collects the options and layers of a {@link ScatterPlot}. Not thread-safe. */
    public static final class Builder {
        private String title = "";
        private String xLabel = "";
        private String yLabel = "";
        private int width = DEFAULT_WIDTH;
        private int height = DEFAULT_HEIGHT;
        private double[] bounds;
        private boolean equalAspect;
        private final List<Layer> layers = new ArrayList<>();

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

        /** Image size in pixels, each side at least 160. */
        public Builder size(int width, int height) {
            Chart.requireSize(width, height);
            this.width = width;
            this.height = height;
            return this;
        }

        /** Fixed view instead of the quantile-based one; each minimum below its maximum. */
        public Builder bounds(double xMin, double xMax, double yMin, double yMax) {
            if (!(xMin < xMax) || !(yMin < yMax) || !Double.isFinite(xMax - xMin)
                    || !Double.isFinite(yMax - yMin)) {
                throw new IllegalArgumentException("bounds must be finite with min < max but were x ["
                        + xMin + ", " + xMax + "], y [" + yMin + ", " + yMax + "]");
            }
            this.bounds = new double[] {xMin, xMax, yMin, yMax};
            return this;
        }

        /** Whether one data unit spans the same number of pixels on both axes. */
        public Builder equalAspect(boolean equalAspect) {
            this.equalAspect = equalAspect;
            return this;
        }

        /**
         * Adds a layer with {@link #DEFAULT_POINT_SIZE}; see
         * {@link #layer(String, double[][], Color, double)}.
         */
        public Builder layer(String label, double[][] points, Color color) {
            return layer(label, points, color, DEFAULT_POINT_SIZE);
        }

        /**
         * Adds a layer drawn above the earlier ones.
         *
         * @param label legend text; empty shows only the counts
         * @param points rows with at least two columns; only the first two are plotted
         * @param color dot colour, with alpha for blending (see {@link #REFERENCE_GREY})
         * @param pointSize dot diameter in pixels, positive
         */
        public Builder layer(String label, double[][] points, Color color, double pointSize) {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(color, "color");
            if (points == null) {
                throw new IllegalArgumentException("layer '" + label + "' points are null");
            }
            for (int i = 0; i < points.length; i++) {
                if (points[i] == null || points[i].length < 2) {
                    throw new IllegalArgumentException("layer '" + label + "' row " + i + " has "
                            + (points[i] == null ? "no" : points[i].length) + " columns but 2 are needed");
                }
            }
            if (!(pointSize > 0) || !Double.isFinite(pointSize)) {
                throw new IllegalArgumentException("pointSize must be positive but was " + pointSize);
            }
            layers.add(new Layer(label, points, color, pointSize));
            return this;
        }

        /** The plot; later changes to this builder do not affect it. */
        public ScatterPlot build() {
            return new ScatterPlot(this);
        }
    }
}
