package io.github.scoresde.cli;

import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.plot.LinePlot;
import io.github.scoresde.plot.ScatterPlot;
import io.github.scoresde.train.data.DataSource;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Imputed points of a mixture given some coordinates: the other coordinates are judged against
 * the exact conditional mixture p(x_U | x_K = y) (SPEC §8), the known ones by their largest
 * deviation from y. Samples are written whole.
 */
record ImputationTruth(GaussianMixture mixture, KnownCoordinates known) implements Truth {
    private static final int BINS = 80;

    /** The exact conditional law of the unknown coordinates. */
    GaussianMixture conditional() {
        return mixture.conditional(known.indices(), known.values());
    }

    private PointTruth unknownTruth() {
        return PointTruth.of(conditional());
    }

    /** Indices of the unknown coordinates, ascending (the conditional's order). */
    int[] unknown() {
        boolean[] isKnown = new boolean[mixture.dim()];
        for (int j : known.indices()) {
            isKnown[j] = true;
        }
        return IntStream.range(0, mixture.dim()).filter(j -> !isKnown[j]).toArray();
    }

    private double[][] unknownPart(double[][] samples) {
        int[] u = unknown();
        return Arrays.stream(samples).map(p -> Arrays.stream(u).mapToDouble(j -> p[j]).toArray()).toArray(double[][]::new);
    }

    @Override
    public DataSource data() {
        return unknownTruth().data();
    }

    @Override
    public long[] exampleShape() {
        return new long[] {mixture.dim()};
    }

    @Override
    public int defaultSampleCount() {
        return PointTruth.DEFAULT_SAMPLES;
    }

    @Override
    public double std() {
        return unknownTruth().std();
    }

    /** The conditional's metrics on the unknown coordinates (mode weights = the conditional's components), and the known ones' error. */
    @Override
    public Map<String, Object> quality(double[][] samples, long seed) {
        Map<String, Object> q = unknownTruth().quality(unknownPart(samples), seed);
        double worst = 0;
        for (double[] p : samples) {
            for (int j = 0; j < known.indices().length; j++) {
                worst = Math.max(worst, Math.abs(p[known.indices()[j]] - known.values()[j]));
            }
        }
        q.put("known", known.toString());
        q.put("known_max_abs_error", worst);
        return q;
    }

    /**
     * One unknown coordinate: a histogram of the samples over the exact conditional density;
     * more: the first two unknown coordinates over exact conditional draws.
     */
    @Override
    public BufferedImage picture(String title, double[][] samples, long seed) {
        int[] u = unknown();
        double[][] x = unknownPart(samples);
        GaussianMixture exact = conditional();
        if (u.length >= 2) {
            return ScatterPlot.builder()
                    .title(title)
                    .axisLabels("x" + u[0], "x" + u[1])
                    .equalAspect(true)
                    .layer("exact conditional", exact.sample(samples.length, new SplittableRandom(seed ^ 0x5DEECE66DL)).points(),
                            ScatterPlot.REFERENCE_GREY)
                    .layer("samples", x, ScatterPlot.SAMPLE_BLUE)
                    .build()
                    .render();
        }
        double lo = Arrays.stream(x).mapToDouble(p -> p[0]).filter(Double::isFinite).min().orElse(-1) - 0.5;
        double hi = Arrays.stream(x).mapToDouble(p -> p[0]).filter(Double::isFinite).max().orElse(1) + 0.5;
        double width = (hi - lo) / BINS;
        double[] centres = new double[BINS];
        double[] histogram = new double[BINS];
        double[] density = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            centres[b] = lo + (b + 0.5) * width;
            density[b] = Math.exp(exact.logDensity(new double[] {centres[b]}));
        }
        for (double[] p : x) {
            int b = (int) Math.floor((p[0] - lo) / width);
            if (b >= 0 && b < BINS) {
                histogram[b] += 1 / (samples.length * width);
            }
        }
        return LinePlot.builder()
                .title(title)
                .axisLabels("x" + u[0], "density given " + known)
                .series("exact conditional", centres, density)
                .series("samples (histogram)", centres, histogram)
                .build()
                .render();
    }

    @Override
    public void writeSamples(double[][] samples, Path dir) {
        Outputs.writeCsv(dir.resolve("samples.csv"), samples);
    }
}
