package io.github.scoresde.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Sliced Wasserstein-2 distance between two empirical measures (Rabin et al., 2011; Bonneel et al.,
 * 2015): SW2(a, b) = sqrt(E_theta W2^2(theta·a, theta·b)) with theta uniform on the unit sphere,
 * estimated by Monte Carlo over {@code projections} directions.
 *
 * <p>Each 1-D W2^2 is exact for the empirical measures: it integrates the squared difference of the
 * two quantile functions over [0, 1], which are step functions, so sizes may differ.
 */
public final class SlicedWasserstein {
    /** Default number of random projections. */
    public static final int DEFAULT_PROJECTIONS = 256;

    private SlicedWasserstein() {}

    /**
     * {@link #distance(double[][], double[][], int, SplittableRandom)} with
     * {@link #DEFAULT_PROJECTIONS}.
     */
    public static double distance(double[][] a, double[][] b, SplittableRandom rnd) {
        return distance(a, b, DEFAULT_PROJECTIONS, rnd);
    }

    /**
     * Sliced W2 distance between the rows of {@code a} and of {@code b}.
     *
     * @param projections number of random directions, at least 1
     * @param rnd source of the directions
     * @throws IllegalArgumentException if a set is empty, ragged, non-finite, or the column counts
     *     differ
     */
    public static double distance(double[][] a, double[][] b, int projections, SplittableRandom rnd) {
        int d = Points.requireSameDim(a, "a", b, "b");
        if (projections < 1) {
            throw new IllegalArgumentException("projections must be at least 1 but was " + projections);
        }
        double[] theta = new double[d];
        double[] pa = new double[a.length];
        double[] pb = new double[b.length];
        double sum = 0;
        for (int p = 0; p < projections; p++) {
            randomDirection(theta, rnd);
            project(a, theta, pa);
            project(b, theta, pb);
            Arrays.sort(pa);
            Arrays.sort(pb);
            sum += squaredW2Sorted(pa, pb);
        }
        return Math.sqrt(sum / projections);
    }

    /**
     * Exact W2^2 between two 1-D empirical measures given their sorted support points: the integral
     * over t in [0, 1] of (Qa(t) - Qb(t))^2, where Qa(t) = a[ceil(t n) - 1] is piecewise constant
     * between the levels i/n, so the integrand is constant between consecutive merged levels.
     */
    static double squaredW2Sorted(double[] a, double[] b) {
        long n = a.length;
        long m = b.length;
        int i = 0;
        int j = 0;
        double prev = 0;
        double sum = 0;
        while (i < n && j < m) {
            // Next level of a is (i+1)/n, of b is (j+1)/m; compare exactly in integers.
            long levelA = (i + 1L) * m;
            long levelB = (j + 1L) * n;
            double next = levelA <= levelB ? (i + 1.0) / n : (j + 1.0) / m;
            double diff = a[i] - b[j];
            sum += (next - prev) * diff * diff;
            prev = next;
            if (levelA <= levelB) {
                i++;
            }
            if (levelB <= levelA) {
                j++;
            }
        }
        return sum;
    }

    // A normalised standard Gaussian vector is uniform on the sphere (Muller, 1959).
    private static void randomDirection(double[] theta, SplittableRandom rnd) {
        double norm;
        do {
            norm = 0;
            for (int k = 0; k < theta.length; k++) {
                theta[k] = rnd.nextGaussian();
                norm += theta[k] * theta[k];
            }
        } while (norm == 0);
        double inv = 1 / Math.sqrt(norm);
        for (int k = 0; k < theta.length; k++) {
            theta[k] *= inv;
        }
    }

    private static void project(double[][] x, double[] theta, double[] out) {
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            double s = 0;
            for (int k = 0; k < theta.length; k++) {
                s += row[k] * theta[k];
            }
            out[i] = s;
        }
    }
}
