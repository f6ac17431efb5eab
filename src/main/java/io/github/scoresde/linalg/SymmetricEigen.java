package io.github.scoresde.linalg;

/**
 * Eigendecomposition C = Q diag(values) Q^T of a real symmetric matrix by the cyclic Jacobi
 * method (Golub and Van Loan, Matrix Computations, §8.5). Accurate to round-off, also for
 * small eigenvalues; O(D^3) per sweep, fine for the covariances of low-dimensional mixtures.
 *
 * @param values eigenvalues, ascending
 * @param vectors Q, column j is the unit eigenvector of values[j]
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
    private static final int MAX_SWEEPS = 100;

    /** Decomposes the symmetric matrix {@code c} (only its upper triangle is read). */
    public static SymmetricEigen of(double[][] c) {
        int n = c.length;
        double[][] a = new double[n][n];
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = i <= j ? c[i][j] : c[j][i];
            }
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > 0; sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, v, p, q);
                }
            }
        }
        return sorted(a, v);
    }

    /** Zeroes a[p][q] with one Jacobi rotation, applied to a from both sides and to v. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double apq = a[p][q];
        if (apq == 0) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double cos = 1 / Math.sqrt(t * t + 1);
        double sin = t * cos;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = cos * akp - sin * akq;
            a[k][q] = sin * akp + cos * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = cos * apk - sin * aqk;
            a[q][k] = sin * apk + cos * aqk;
        }
        a[p][q] = 0;
        a[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = cos * vkp - sin * vkq;
            v[k][q] = sin * vkp + cos * vkq;
        }
    }

    /** Sum of squares of the off-diagonal entries, flushed to 0 once it is round-off. */
    private static double offDiagonal(double[][] a) {
        double off = 0;
        double diag = 0;
        for (int i = 0; i < a.length; i++) {
            diag += a[i][i] * a[i][i];
            for (int j = i + 1; j < a.length; j++) {
                off += a[i][j] * a[i][j];
            }
        }
        return off <= 1e-30 * diag ? 0 : off;
    }

    private static SymmetricEigen sorted(double[][] a, double[][] v) {
        int n = a.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(a[i][i], a[j][j]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            values[j] = a[order[j]][order[j]];
            for (int i = 0; i < n; i++) {
                vectors[i][j] = v[i][order[j]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** Smallest eigenvalue. */
    public double min() {
        return values[0];
    }
}
