package io.github.scoresde.condition.linear;

import io.github.scoresde.linalg.Cholesky;

/**
 * The exact posterior of x ~ N(mu, C) given y = H x + sigma_y n: mean mu + K (y - H mu) and
 * covariance C - K H C with gain K = C H^T (H C H^T + sigma_y^2 I)^-1 (the Kalman update).
 */
record LinearGaussianPosterior(double[] mean, double[][] covariance) {
    static LinearGaussianPosterior of(double[] mu, double[][] c, double[][] h, double sigmaY, double[] y) {
        int d = mu.length;
        int m = h.length;
        double[][] ch = new double[d][m]; // C H^T
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < d; k++) {
                    ch[i][j] += c[i][k] * h[j][k];
                }
            }
        }
        double[][] s = new double[m][m]; // H C H^T + sigma_y^2 I
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < d; k++) {
                    s[i][j] += h[i][k] * ch[k][j];
                }
            }
            s[i][i] += sigmaY * sigmaY;
        }
        Cholesky chol = new Cholesky(s);
        double[] residual = new double[m];
        for (int j = 0; j < m; j++) {
            residual[j] = y[j];
            for (int k = 0; k < d; k++) {
                residual[j] -= h[j][k] * mu[k];
            }
        }
        double[] w = chol.solve(residual);
        double[] mean = mu.clone();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < m; j++) {
                mean[i] += ch[i][j] * w[j];
            }
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            double[] column = chol.solve(ch[i]); // S^-1 H C e_i
            for (int k = 0; k < d; k++) {
                double sum = 0;
                for (int j = 0; j < m; j++) {
                    sum += ch[k][j] * column[j];
                }
                cov[i][k] = c[i][k] - sum;
            }
        }
        return new LinearGaussianPosterior(mean, cov);
    }
}
