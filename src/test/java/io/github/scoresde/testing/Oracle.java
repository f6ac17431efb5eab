package io.github.scoresde.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.eval.ModeSpread;
import io.github.scoresde.eval.SlicedWasserstein;
import io.github.scoresde.model.GaussianMixture;
import java.util.SplittableRandom;

/** Helpers for comparing samples with an exact mixture in tests. */
public final class Oracle {
    private Oracle() {}

    /** Rows of a [B, D] array as Java points. */
    public static double[][] points(NDArray x) {
        return io.github.scoresde.tensor.Shapes.rows(x);
    }

    /** Java points as a [B, D] array of the given type. */
    public static NDArray array(NDManager manager, double[][] points, DataType type) {
        int d = points[0].length;
        double[] flat = new double[points.length * d];
        for (int i = 0; i < points.length; i++) {
            System.arraycopy(points[i], 0, flat, i * d, d);
        }
        return manager.create(flat, new Shape(points.length, d)).toType(type, false);
    }

    /**
     * Distribution of sliced W2 between two independent exact sample sets of size n: the noise
     * floor any sampler's distance has to be judged against.
     *
     * @return {mean, standard deviation} over {@code pairs} pairs
     */
    public static double[] nullSlicedW2(GaussianMixture mixture, int n, int pairs, long seed) {
        double[] d = new double[pairs];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < pairs; i++) {
            double[][] a = mixture.sample(n, rnd.split()).points();
            double[][] b = mixture.sample(n, rnd.split()).points();
            d[i] = SlicedWasserstein.distance(a, b, rnd.split());
        }
        double mean = java.util.Arrays.stream(d).average().orElseThrow();
        double var = java.util.Arrays.stream(d).map(v -> (v - mean) * (v - mean)).sum() / (pairs - 1);
        return new double[] {mean, Math.sqrt(var)};
    }

    /**
     * Within-mode spread: the mean over points of ||x - mu_k||^2 / D, with k the point's most
     * likely component, and the standard error of that mean.
     *
     * @return {mean, standard error}
     */
    public static double[] withinModeVariance(GaussianMixture mixture, double[][] x) {
        return ModeSpread.of(x, mixture::mostLikelyComponent, mixture::mean);
    }
}
