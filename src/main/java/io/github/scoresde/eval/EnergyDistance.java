package io.github.scoresde.eval;

import java.util.SplittableRandom;

/**
 * Energy distance of Székely and Rizzo (2013, "Energy statistics", eq. 2.1):
 * 2 E|X - Y| - E|X - X'| - E|Y - Y'|, with Euclidean norms. It is zero exactly when the two
 * distributions agree.
 *
 * <p>The within-set terms are U-statistics (averages over distinct pairs), so the estimate is
 * unbiased and can be slightly negative when the distributions agree; for two copies of one set of
 * n rows (no subsampling) it is -(2/n) times the mean within-set distance. The cost is O(n^2), so
 * sets larger than {@code maxPoints} are replaced by a random subsample.
 */
public final class EnergyDistance {
    /** Default cap on the rows used from each set. */
    public static final int DEFAULT_MAX_POINTS = 2000;

    private EnergyDistance() {}

    /**
     * {@link #distance(double[][], double[][], int, SplittableRandom)} with
     * {@link #DEFAULT_MAX_POINTS}.
     */
    public static double distance(double[][] a, double[][] b, SplittableRandom rnd) {
        return distance(a, b, DEFAULT_MAX_POINTS, rnd);
    }

    /**
     * Energy distance between the rows of {@code a} and of {@code b}.
     *
     * @param maxPoints rows used from each set at most, at least 2
     * @param rnd source of the subsamples; unused when both sets are small enough
     * @throws IllegalArgumentException if a set has fewer than 2 rows, is ragged or non-finite, or the
     *     column counts differ
     */
    public static double distance(double[][] a, double[][] b, int maxPoints, SplittableRandom rnd) {
        Points.requireSameDim(a, "a", b, "b");
        Points.requireTwoRows(a, "a");
        Points.requireTwoRows(b, "b");
        Points.requireMaxPoints(maxPoints);
        double[][] x = Points.subsample(a, maxPoints, rnd);
        double[][] y = Points.subsample(b, maxPoints, rnd);
        return 2 * meanCross(x, y) - meanWithin(x) - meanWithin(y);
    }

    private static double meanCross(double[][] x, double[][] y) {
        double sum = 0;
        for (double[] p : x) {
            for (double[] q : y) {
                sum += Math.sqrt(Points.squaredDistance(p, q));
            }
        }
        return sum / ((double) x.length * y.length);
    }

    private static double meanWithin(double[][] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                sum += Math.sqrt(Points.squaredDistance(x[i], x[j]));
            }
        }
        return sum / (x.length * (x.length - 1.0) / 2);
    }
}
