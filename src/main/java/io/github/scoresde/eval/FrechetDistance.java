package io.github.scoresde.eval;

import io.github.scoresde.linalg.SymmetricEigen;

/**
 * Fréchet (Wasserstein-2) distance between two Gaussians, the FID of Heusel et al. (2017) when the
 * Gaussians are fitted to network features of two image sets (SPEC §7):
 * d^2 = |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1^(1/2) S2 S1^(1/2))^(1/2)).
 *
 * <p>The trace term is computed from symmetric eigendecompositions only: R = S1^(1/2), then the
 * eigenvalues of the symmetric positive semi-definite R S2 R. This equals tr((S1 S2)^(1/2)) of the
 * usual formula (S1 S2 is similar to R S2 R) without the square root of a non-symmetric matrix,
 * whose round-off can give complex values (the reason the reference implementation discards
 * imaginary parts). Eigenvalues that round-off leaves slightly negative are taken as 0, so
 * singular covariances are fine; the distance of a set to itself is 0 within round-off
 * (about 1e-12 relative to tr S, and possibly that far below 0).
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /**
     * A Gaussian by its mean and covariance.
     *
     * @param mean the mean, D values
     * @param covariance the D x D symmetric positive semi-definite covariance
     */
    public record Gaussian(double[] mean, double[][] covariance) {
        /** Checks the dimensions. */
        public Gaussian {
            if (mean.length == 0 || covariance.length != mean.length) {
                throw new IllegalArgumentException("a Gaussian needs D >= 1 means and a D x D covariance, got " + mean.length + " and "
                        + covariance.length + " rows");
            }
            for (double[] row : covariance) {
                if (row.length != mean.length) {
                    throw new IllegalArgumentException("the covariance must be " + mean.length + " x " + mean.length);
                }
            }
        }

        /**
         * The Gaussian fitted to the rows of {@code x}: their mean and unbiased covariance.
         *
         * @throws IllegalArgumentException with fewer than D + 1 rows ({@link #minSamples}), where
         *     the covariance is singular by construction, or on invalid rows
         */
        public static Gaussian fit(double[][] x) {
            int d = Points.requireMatrix(x, "points");
            if (x.length < minSamples(d)) {
                throw new IllegalArgumentException("fitting a Gaussian in " + d + " dimensions needs at least " + minSamples(d)
                        + " points (the covariance of fewer is singular), got " + x.length);
            }
            return new Gaussian(Moments.mean(x), Moments.covariance(x));
        }
    }

    /**
     * The fewest points whose sample covariance in {@code dim} dimensions can be non-singular:
     * n points centred on their mean span at most n - 1 dimensions.
     */
    public static int minSamples(int dim) {
        return dim + 1;
    }

    /** The Fréchet distance (squared W2) between the Gaussians fitted to two sets of feature rows. */
    public static double of(double[][] a, double[][] b) {
        Points.requireSameDim(a, "a", b, "b");
        return between(Gaussian.fit(a), Gaussian.fit(b));
    }

    /** The Fréchet distance (squared W2) between two Gaussians of one dimension. */
    public static double between(Gaussian a, Gaussian b) {
        int d = a.mean().length;
        if (b.mean().length != d) {
            throw new IllegalArgumentException("the Gaussians have dimensions " + d + " and " + b.mean().length);
        }
        double meanTerm = 0;
        for (int k = 0; k < d; k++) {
            double diff = a.mean()[k] - b.mean()[k];
            meanTerm += diff * diff;
        }
        return meanTerm + trace(a.covariance()) + trace(b.covariance()) - 2 * traceSqrtProduct(a.covariance(), b.covariance());
    }

    /** tr((S1^(1/2) S2 S1^(1/2))^(1/2)) of two symmetric positive semi-definite matrices. */
    static double traceSqrtProduct(double[][] s1, double[][] s2) {
        double[][] root = sqrt(s1);
        double[][] m = multiply(multiply(root, s2), root);
        int d = m.length;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double mean = (m[i][j] + m[j][i]) / 2;
                m[i][j] = mean;
                m[j][i] = mean;
            }
        }
        double sum = 0;
        for (double lambda : SymmetricEigen.of(m).values()) {
            sum += Math.sqrt(Math.max(lambda, 0));
        }
        return sum;
    }

    /** The symmetric square root Q diag(sqrt(max(lambda, 0))) Q^T of a symmetric matrix. */
    static double[][] sqrt(double[][] s) {
        SymmetricEigen e = SymmetricEigen.of(s);
        int d = s.length;
        double[] roots = new double[d];
        for (int k = 0; k < d; k++) {
            roots[k] = Math.sqrt(Math.max(e.values()[k], 0));
        }
        double[][] q = e.vectors();
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += q[i][k] * roots[k] * q[j][k];
                }
                out[i][j] = v;
                out[j][i] = v;
            }
        }
        return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < m; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }

    private static double trace(double[][] s) {
        double t = 0;
        for (int i = 0; i < s.length; i++) {
            t += s[i][i];
        }
        return t;
    }
}
