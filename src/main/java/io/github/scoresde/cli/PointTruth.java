package io.github.scoresde.cli;

import io.github.scoresde.eval.LowDimReport;
import io.github.scoresde.eval.ModeWeights;
import io.github.scoresde.eval.SlicedWasserstein;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.plot.ScatterPlot;
import io.github.scoresde.train.data.ToyData;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Low-dimensional truth: a toy data set, or a Gaussian mixture whose mode weights are also
 * reported (else {@code mixture} is null). Samples are compared with as many reference draws.
 */
record PointTruth(ToyData data, GaussianMixture mixture) implements Truth {
    /** Samples drawn when not told: the metrics' noise floors are stated for 10,000. */
    static final int DEFAULT_SAMPLES = 10_000;

    @Override
    public int defaultSampleCount() {
        return DEFAULT_SAMPLES;
    }

    /** The exact mixture as truth. */
    static PointTruth of(GaussianMixture mixture) {
        return new PointTruth(ToyData.mixture(mixture), mixture);
    }

    /** {@code n} reference draws, the same for the same seed. */
    double[][] reference(int n, long seed) {
        return data.sample(n, new SplittableRandom(seed ^ 0x5DEECE66DL));
    }

    @Override
    public double std() {
        return data.std();
    }

    /**
     * Sliced W2, energy distance and RBF-MMD against reference samples, the sliced-W2 noise floor
     * between two reference sets of this size (to judge the first by), and mode weights when the
     * truth is a mixture.
     */
    @Override
    public Map<String, Object> quality(double[][] samples, long seed) {
        List<double[]> finite = new ArrayList<>();
        for (double[] p : samples) {
            if (Arrays.stream(p).allMatch(Double::isFinite)) {
                finite.add(p);
            }
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("non_finite_samples", samples.length - finite.size());
        if (finite.size() < 2) {
            return q;
        }
        double[][] x = finite.toArray(new double[0][]);
        double[][] reference = reference(samples.length, seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        q.putAll(LowDimReport.compute(x, reference, rnd.split()).asMap());
        double[][] second = data.sample(reference.length, rnd.split());
        q.put("sliced_w2_noise_floor", SlicedWasserstein.distance(second, reference, rnd.split()));
        if (mixture == null) {
            return q;
        }
        double[] weights = ModeWeights.of(x, mixture::mostLikelyComponent, mixture.components());
        q.put("mode_weights", weights);
        q.put("mode_weights_exact", mixture.weights());
        q.put("mode_weight_max_error", ModeWeights.maxAbsError(weights, mixture.weights()));
        return q;
    }

    /** The samples (first two coordinates) over as many reference draws. */
    @Override
    public BufferedImage picture(String title, double[][] samples, long seed) {
        return ScatterPlot.builder()
                .title(title)
                .axisLabels("x0", "x1")
                .equalAspect(true)
                .layer(mixture != null ? "exact" : "data", reference(samples.length, seed), ScatterPlot.REFERENCE_GREY)
                .layer("samples", samples, ScatterPlot.SAMPLE_BLUE)
                .build()
                .render();
    }

    @Override
    public void writeSamples(double[][] samples, Path dir) {
        Outputs.writeCsv(dir.resolve("samples.csv"), samples);
    }
}
