package io.github.scoresde.cli;

import io.github.scoresde.plot.LinePlot;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' log-log panel of an error against cost: one series per name in a fixed order,
 * empty where a name has no points so that it keeps its colour across panels, and a flat
 * reference line (a noise floor, a prior gap) across the x range of the points.
 */
final class NfePanel {
    private NfePanel() {}

    /**
     * @param series the x and y values of each named series ({x[], y[]}, sorted by x); names without
     *     points in {@code points} get an empty series
     * @param referenceName legend name of the flat line
     * @param reference its height; NaN for no line
     */
    static BufferedImage render(String title, String xLabel, String yLabel, List<String> names, Map<String, double[][]> series,
            String referenceName, double reference) {
        LinePlot.Builder plot = LinePlot.builder().title(title).axisLabels(xLabel, yLabel).logX(true).logY(true).size(900, 600);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (String name : names) {
            double[][] xy = series.getOrDefault(name, new double[][] {{}, {}});
            plot.series(name, xy[0], xy[1]);
            for (double x : xy[0]) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        if (!Double.isNaN(reference) && min <= max) {
            plot.series(referenceName, new double[] {min, max}, new double[] {reference, reference});
        }
        return plot.build().render();
    }
}
