package io.github.scoresde.eval;

/** Sample mean and covariance of a point set {@code double[n][d]}. */
public final class Moments {
    private Moments() {}

    /** Mean of each column. */
    public static double[] mean(double[][] x) {
        int d = Points.requireMatrix(x, "points");
        double[] mu = new double[d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                mu[k] += row[k];
            }
        }
        for (int k = 0; k < d; k++) {
            mu[k] /= x.length;
        }
        return mu;
    }

    /**
     * Unbiased sample covariance (divisor n - 1), d x d; centred on the mean first, which is more
     * accurate than E[x x^T] - mu mu^T when the mean is large.
     *
     * @throws IllegalArgumentException if there are fewer than 2 rows
     */
    public static double[][] covariance(double[][] x) {
        double[] mu = mean(x);
        Points.requireTwoRows(x, "points");
        int d = mu.length;
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                c[k] = row[k] - mu[k];
            }
            for (int r = 0; r < d; r++) {
                for (int s = r; s < d; s++) {
                    cov[r][s] += c[r] * c[s];
                }
            }
        }
        for (int r = 0; r < d; r++) {
            for (int s = r; s < d; s++) {
                cov[r][s] /= x.length - 1;
                cov[s][r] = cov[r][s];
            }
        }
        return cov;
    }
}
