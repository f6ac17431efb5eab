package io.github.scoresde.eval;

import java.util.function.ToIntFunction;

/**
 * Fraction of points that fall in each mode of a multimodal target, and distances between such
 * weight vectors; a check that a sampler neither drops modes nor misweights them.
 */
public final class ModeWeights {
    private ModeWeights() {}

    /**
     * Fraction of the rows of {@code x} that {@code assign} maps to each mode.
     *
     * @param assign maps a point to its mode index in [0, k)
     * @param k number of modes, at least 1
     * @return k fractions summing to 1
     * @throws IllegalArgumentException if {@code x} is empty or invalid, or {@code assign} returns an
     *     index outside [0, k)
     */
    public static double[] of(double[][] x, ToIntFunction<double[]> assign, int k) {
        Points.requireMatrix(x, "points");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1 but was " + k);
        }
        long[] counts = new long[k];
        for (int i = 0; i < x.length; i++) {
            int mode = assign.applyAsInt(x[i]);
            if (mode < 0 || mode >= k) {
                throw new IllegalArgumentException(
                        "assign returned " + mode + " for row " + i + " but modes are in [0, " + k + ")");
            }
            counts[mode]++;
        }
        double[] w = new double[k];
        for (int j = 0; j < k; j++) {
            w[j] = (double) counts[j] / x.length;
        }
        return w;
    }

    /** Largest absolute difference between corresponding weights. */
    public static double maxAbsError(double[] weights, double[] target) {
        requireSameLength(weights, target);
        double max = 0;
        for (int j = 0; j < weights.length; j++) {
            max = Math.max(max, Math.abs(weights[j] - target[j]));
        }
        return max;
    }

    /** Total variation distance between two distributions over the modes: half the L1 distance. */
    public static double totalVariation(double[] weights, double[] target) {
        requireSameLength(weights, target);
        double sum = 0;
        for (int j = 0; j < weights.length; j++) {
            sum += Math.abs(weights[j] - target[j]);
        }
        return sum / 2;
    }

    /**
     * Standard error sqrt(p (1 - p) / n) of a fraction estimated from n independent points whose
     * true probability is p; callers scale it into a tolerance for {@link #of} results.
     *
     * @throws IllegalArgumentException if p is outside [0, 1] or n is not positive
     */
    public static double binomialStdErr(double p, int n) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1] but was " + p);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1 but was " + n);
        }
        return Math.sqrt(p * (1 - p) / n);
    }

    private static void requireSameLength(double[] weights, double[] target) {
        if (weights == null || target == null) {
            throw new IllegalArgumentException("weights and target must not be null");
        }
        if (weights.length != target.length) {
            throw new IllegalArgumentException(
                    "weights have " + weights.length + " modes but target has " + target.length);
        }
    }
}
