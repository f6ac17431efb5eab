package io.github.scoresde.cli;

import io.github.scoresde.eval.ModeSpread;
import io.github.scoresde.eval.ModeWeights;
import io.github.scoresde.eval.SlicedWasserstein;
import io.github.scoresde.model.GaussianMixture;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sample quality against an exact mixture (SPEC §7, §8), the numbers {@code FastSamplersTest}
 * judges samplers by: sliced W2 to an exact draw of the same size, and, with every point assigned
 * to its most likely component, the absolute error of the within-mode variance and the largest
 * error of a mode's weight. Both errors are against a large exact draw ({@link #EXPECTATION_DRAW}
 * points, standing in for the expectations, which have no closed form when components overlap as
 * in aniso16) rather than the mixture's parameters, so they measure what an exact sampler would
 * show; against a draw of size n its own noise would dominate them. The floor is the mean score of
 * {@link #FLOOR_DRAWS} further exact draws of size n: the sampling noise of n points.
 */
final class MixtureQuality implements QualityMetric {
    private final GaussianMixture mixture;
    private final double[][] reference;
    private final double referenceSpread;
    private final double[] referenceWeights;
    /** Size of the exact draw whose within-mode variance and mode weights stand for the expectations. */
    static final int EXPECTATION_DRAW = 200_000;

    /** Exact draws of size n whose mean score is the noise floor (one draw's sliced W2 varies by about 10%). */
    static final int FLOOR_DRAWS = 4;

    private final long seed;
    private final double[] floor;

    /** The scores for samples of size {@code n}; the exact draws come from {@code seed}. */
    MixtureQuality(GaussianMixture mixture, int n, long seed) {
        this.mixture = mixture;
        this.seed = seed;
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        this.reference = mixture.sample(n, rnd.split()).points();
        double[][] large = mixture.sample(EXPECTATION_DRAW, rnd.split()).points();
        this.referenceSpread = spread(large);
        this.referenceWeights = weights(large);
        this.floor = new double[names().size()];
        for (int i = 0; i < FLOOR_DRAWS; i++) {
            double[] score = of(mixture.sample(n, rnd.split()).points());
            for (int j = 0; j < floor.length; j++) {
                floor[j] += score[j] / FLOOR_DRAWS;
            }
        }
    }

    @Override
    public List<String> names() {
        return List.of("sliced_w2", "variance_error", "weight_error");
    }

    @Override
    public double[] of(double[][] samples) {
        // The same projections for every run, so that differences between runs are the samples'.
        double sw = SlicedWasserstein.distance(samples, reference, new SplittableRandom(seed));
        return new double[] {sw, Math.abs(spread(samples) - referenceSpread),
            ModeWeights.maxAbsError(weights(samples), referenceWeights)};
    }

    @Override
    public double[] floor() {
        return floor.clone();
    }

    private double spread(double[][] x) {
        return ModeSpread.of(x, mixture::mostLikelyComponent, mixture::mean)[0];
    }

    private double[] weights(double[][] x) {
        return ModeWeights.of(x, mixture::mostLikelyComponent, mixture.components());
    }
}
