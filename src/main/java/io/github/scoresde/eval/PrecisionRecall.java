package io.github.scoresde.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Improved precision and recall of Kynkäänniemi et al. (2019) on feature vectors: each set's
 * support is estimated as the union of balls around its points, the radius of a ball being the
 * distance to that point's k-th nearest neighbour in its own set. Precision is the fraction of
 * samples inside the reference support (quality), recall the fraction of reference points inside
 * the sample support (coverage: a model that drops modes has low recall).
 *
 * @param precision fraction of samples within the reference's k-NN balls, in [0, 1]
 * @param recall fraction of reference points within the samples' k-NN balls, in [0, 1]
 */
public record PrecisionRecall(double precision, double recall) {
    /** The paper's neighbourhood size. */
    public static final int DEFAULT_K = 3;
    /** Default cap on the rows used from each set (the cost is O(n^2 D)). */
    public static final int DEFAULT_MAX_POINTS = 5000;

    /** {@link #of(double[][], double[][], int, int, SplittableRandom)} with the defaults. */
    public static PrecisionRecall of(double[][] samples, double[][] reference, SplittableRandom rnd) {
        return of(samples, reference, DEFAULT_K, DEFAULT_MAX_POINTS, rnd);
    }

    /**
     * Precision and recall of {@code samples} against {@code reference}.
     *
     * @param k the neighbour that sets a ball's radius, in [1, n - 1] for both sets
     * @param maxPoints rows used from each set at most; larger sets are subsampled with {@code rnd}
     * @throws IllegalArgumentException on invalid or mismatched sets, or a set of at most k rows
     */
    public static PrecisionRecall of(double[][] samples, double[][] reference, int k, int maxPoints, SplittableRandom rnd) {
        Points.requireSameDim(samples, "samples", reference, "reference");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1 but was " + k);
        }
        Points.requireMaxPoints(Math.max(maxPoints, k + 1));
        double[][] s = Points.subsample(samples, maxPoints, rnd);
        double[][] r = Points.subsample(reference, maxPoints, rnd);
        if (Math.min(s.length, r.length) <= k) {
            throw new IllegalArgumentException("precision and recall with k = " + k + " need more than " + k + " points in each set");
        }
        return new PrecisionRecall(coverage(s, r, kthNeighbourSquared(r, k)), coverage(r, s, kthNeighbourSquared(s, k)));
    }

    /** Fraction of the rows of {@code queries} within distance sqrt(radii[j]) of some row j of {@code centres}. */
    private static double coverage(double[][] queries, double[][] centres, double[] radii) {
        int inside = 0;
        for (double[] q : queries) {
            for (int j = 0; j < centres.length; j++) {
                if (Points.squaredDistance(q, centres[j]) <= radii[j]) {
                    inside++;
                    break;
                }
            }
        }
        return (double) inside / queries.length;
    }

    /** Squared distance from each row to its k-th nearest other row. */
    private static double[] kthNeighbourSquared(double[][] x, int k) {
        double[] radii = new double[x.length];
        double[] nearest = new double[k];
        for (int i = 0; i < x.length; i++) {
            Arrays.fill(nearest, Double.POSITIVE_INFINITY);
            for (int j = 0; j < x.length; j++) {
                if (j == i) {
                    continue;
                }
                double d = Points.squaredDistance(x[i], x[j]);
                if (d < nearest[k - 1]) {
                    // Insertion into the sorted k smallest so far.
                    int at = k - 1;
                    while (at > 0 && nearest[at - 1] > d) {
                        nearest[at] = nearest[at - 1];
                        at--;
                    }
                    nearest[at] = d;
                }
            }
            radii[i] = nearest[k - 1];
        }
        return radii;
    }
}
