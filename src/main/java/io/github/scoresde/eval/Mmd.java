package io.github.scoresde.eval;

import java.util.SplittableRandom;

/**
 * Squared maximum mean discrepancy with a sum of Gaussian (RBF) kernels,
 * k(x, y) = sum_j exp(-|x - y|^2 / (2 h_j^2)), using the unbiased estimator MMD_u^2 of Gretton et
 * al. (2012, JMLR, eq. 3). The estimate can be slightly negative when the distributions agree.
 *
 * <p>Without explicit bandwidths, h_j = s * median, s in {0.5, 1, 2}, where median is the median
 * pairwise distance in the pooled (subsampled) points (the median heuristic, Gretton et al. 2012,
 * section 8). Sets larger than {@code maxPoints} are replaced by a random subsample, as the cost is
 * O(n^2).
 */
public final class Mmd {
    /** Default cap on the rows used from each set. */
    public static final int DEFAULT_MAX_POINTS = 2000;

    private static final double[] MEDIAN_SCALES = {0.5, 1, 2};

    private Mmd() {}

    /** Squared MMD with median-heuristic bandwidths and {@link #DEFAULT_MAX_POINTS}. */
    public static double squared(double[][] a, double[][] b, SplittableRandom rnd) {
        return squared(a, b, DEFAULT_MAX_POINTS, rnd);
    }

    /**
     * Squared MMD with median-heuristic bandwidths.
     *
     * @throws IllegalArgumentException on invalid sets, or if the median pairwise distance is 0 (more
     *     than half the pooled points coincide); pass bandwidths explicitly then
     */
    public static double squared(double[][] a, double[][] b, int maxPoints, SplittableRandom rnd) {
        return compute(a, b, null, maxPoints, rnd);
    }

    /**
     * Squared MMD with the given kernel bandwidths.
     *
     * @param bandwidths the h_j, each finite and positive; at least one
     * @param maxPoints rows used from each set at most, at least 2
     * @param rnd source of the subsamples; unused when both sets are small enough
     * @throws IllegalArgumentException if a set has fewer than 2 rows, is ragged or non-finite, the
     *     column counts differ, or a bandwidth is not positive
     */
    public static double squared(
            double[][] a, double[][] b, double[] bandwidths, int maxPoints, SplittableRandom rnd) {
        if (bandwidths == null || bandwidths.length == 0) {
            throw new IllegalArgumentException("at least one bandwidth is needed");
        }
        for (double h : bandwidths) {
            if (!(h > 0) || !Double.isFinite(h)) {
                throw new IllegalArgumentException("bandwidths must be finite and positive but got " + h);
            }
        }
        return compute(a, b, bandwidths.clone(), maxPoints, rnd);
    }

    private static double compute(
            double[][] a, double[][] b, double[] bandwidths, int maxPoints, SplittableRandom rnd) {
        Points.requireSameDim(a, "a", b, "b");
        Points.requireTwoRows(a, "a");
        Points.requireTwoRows(b, "b");
        Points.requireMaxPoints(maxPoints);
        double[][] x = Points.subsample(a, maxPoints, rnd);
        double[][] y = Points.subsample(b, maxPoints, rnd);
        int nx = x.length;
        int total = nx + y.length;
        double[][] pooled = new double[total][];
        System.arraycopy(x, 0, pooled, 0, nx);
        System.arraycopy(y, 0, pooled, nx, y.length);

        // All pairwise squared distances of the pooled set, i < j in row-major order; they serve
        // both the median heuristic and the three kernel sums.
        double[] sq = new double[(int) ((long) total * (total - 1) / 2)];
        int c = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                sq[c++] = Points.squaredDistance(pooled[i], pooled[j]);
            }
        }
        double[] h = bandwidths != null ? bandwidths : medianBandwidths(sq);
        double[] coef = new double[h.length];
        for (int k = 0; k < h.length; k++) {
            coef[k] = -1 / (2 * h[k] * h[k]);
        }

        double kxx = 0;
        double kyy = 0;
        double kxy = 0;
        c = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                double kv = 0;
                double s = sq[c++];
                for (double cf : coef) {
                    kv += Math.exp(cf * s);
                }
                if (j < nx) {
                    kxx += kv;
                } else if (i >= nx) {
                    kyy += kv;
                } else {
                    kxy += kv;
                }
            }
        }
        double n = nx;
        double m = y.length;
        // Sums over i < j count each unordered pair once; the estimator averages over i != j.
        return 2 * kxx / (n * (n - 1)) + 2 * kyy / (m * (m - 1)) - 2 * kxy / (n * m);
    }

    private static double[] medianBandwidths(double[] squaredDistances) {
        double median = Math.sqrt(median(squaredDistances.clone()));
        if (!(median > 0)) {
            throw new IllegalArgumentException(
                    "median pairwise distance is 0, so the median heuristic fails; pass bandwidths");
        }
        double[] h = new double[MEDIAN_SCALES.length];
        for (int k = 0; k < h.length; k++) {
            h[k] = MEDIAN_SCALES[k] * median;
        }
        return h;
    }

    /** Median of {@code v} (reordered in place); sqrt is monotone so squared distances suffice. */
    static double median(double[] v) {
        int mid = v.length / 2;
        double upper = select(v, mid);
        if (v.length % 2 == 1) {
            return upper;
        }
        // After select, v[0..mid) holds the smaller values: the lower middle is their maximum.
        double lower = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < mid; i++) {
            lower = Math.max(lower, v[i]);
        }
        return (lower + upper) / 2;
    }

    /** Hoare's quickselect: puts the k-th smallest value at index k and returns it. */
    private static double select(double[] v, int k) {
        int lo = 0;
        int hi = v.length - 1;
        while (lo < hi) {
            double pivot = v[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }
}
