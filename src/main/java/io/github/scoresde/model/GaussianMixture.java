package io.github.scoresde.model;

import io.github.scoresde.linalg.Cholesky;
import io.github.scoresde.linalg.SymmetricEigen;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Gaussian mixture sum_k pi_k N(mu_k, C_k) in any dimension with full covariances: the
 * analytic oracle of SPEC §8. Immutable; all math here is plain double precision Java, the
 * batched tensor form lives in {@link ExactMixtureModel}.
 *
 * <p>Under every SDE of SPEC §1 the marginal p_t is again a mixture, {@link #diffused}; given some
 * coordinates the rest is again a mixture, {@link #conditional}. Exact samples, densities and
 * responsibilities of either follow from the methods below.
 */
public final class GaussianMixture {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double SYMMETRY_TOLERANCE = 1e-9;

    private final double[] weights;
    private final double[][] means;
    private final double[][][] covariances;
    private final SymmetricEigen[] eigen;

    private GaussianMixture(double[] weights, double[][] means, double[][][] covariances) {
        this(weights, means, covariances, decompose(covariances));
    }

    private GaussianMixture(double[] weights, double[][] means, double[][][] covariances, SymmetricEigen[] eigen) {
        this.weights = weights;
        this.means = means;
        this.covariances = covariances;
        this.eigen = eigen;
        for (int k = 0; k < weights.length; k++) {
            if (!(eigen[k].min() > 0)) {
                throw new IllegalArgumentException("covariance of component " + k
                        + " is not positive definite (smallest eigenvalue " + eigen[k].min() + ")");
            }
        }
    }

    private static SymmetricEigen[] decompose(double[][][] covariances) {
        SymmetricEigen[] out = new SymmetricEigen[covariances.length];
        for (int k = 0; k < covariances.length; k++) {
            out[k] = SymmetricEigen.of(covariances[k]);
        }
        return out;
    }

    /**
     * A validated mixture; weights are normalised to sum to 1.
     *
     * @throws IllegalArgumentException naming the component when shapes disagree, a weight is
     *     negative, or a covariance is not symmetric positive definite
     */
    public static GaussianMixture of(double[] weights, double[][] means, double[][][] covariances) {
        int k = weights.length;
        if (k == 0) {
            throw new IllegalArgumentException("a mixture needs at least one component");
        }
        if (means.length != k || covariances.length != k) {
            throw new IllegalArgumentException("weights, means and covariances must have the same length, got "
                    + k + ", " + means.length + " and " + covariances.length);
        }
        if (means[0] == null) {
            throw new IllegalArgumentException("mean of component 0 is missing");
        }
        int d = means[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("means must have at least one coordinate");
        }
        double total = 0;
        for (int i = 0; i < k; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weight of component " + i + " must be finite and >= 0, got " + weights[i]);
            }
            total += weights[i];
            checkComponent(i, d, means[i], covariances[i]);
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("weights must not all be 0");
        }
        double[] w = new double[k];
        double[][] mu = new double[k][];
        double[][][] c = new double[k][][];
        for (int i = 0; i < k; i++) {
            w[i] = weights[i] / total;
            mu[i] = means[i].clone();
            c[i] = deepCopy(covariances[i]);
        }
        return new GaussianMixture(w, mu, c);
    }

    private static void checkComponent(int i, int d, double[] mean, double[][] cov) {
        if (mean == null) {
            throw new IllegalArgumentException("mean of component " + i + " is missing");
        }
        if (mean.length != d) {
            throw new IllegalArgumentException("mean of component " + i + " has " + mean.length
                    + " coordinates, component 0 has " + d);
        }
        if (cov == null || cov.length != d) {
            throw new IllegalArgumentException("covariance of component " + i + " must be " + d + "x" + d);
        }
        // All rows first: the symmetry check below reads entries of later rows.
        for (double[] row : cov) {
            if (row == null || row.length != d) {
                throw new IllegalArgumentException("covariance of component " + i + " must be " + d + "x" + d);
            }
        }
        for (int r = 0; r < d; r++) {
            if (!Double.isFinite(mean[r])) {
                throw new IllegalArgumentException("mean of component " + i + " is not finite");
            }
            for (int c = 0; c < d; c++) {
                double scale = Math.max(1, Math.max(Math.abs(cov[r][c]), Math.abs(cov[c][r])));
                if (!Double.isFinite(cov[r][c]) || Math.abs(cov[r][c] - cov[c][r]) > SYMMETRY_TOLERANCE * scale) {
                    throw new IllegalArgumentException("covariance of component " + i + " is not symmetric: entry ("
                            + r + "," + c + ") = " + cov[r][c] + " but (" + c + "," + r + ") = " + cov[c][r]);
                }
            }
        }
    }

    /** Number of components K. */
    public int components() {
        return weights.length;
    }

    /** Dimension D. */
    public int dim() {
        return means[0].length;
    }

    /** Normalised weight pi_k. */
    public double weight(int k) {
        return weights[k];
    }

    /** All weights (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** Mean mu_k (a copy). */
    public double[] mean(int k) {
        return means[k].clone();
    }

    /** Covariance C_k (a copy). */
    public double[][] covariance(int k) {
        return deepCopy(covariances[k]);
    }

    /** Overall mean sum_k pi_k mu_k. */
    public double[] mean() {
        double[] mu = new double[dim()];
        for (int k = 0; k < components(); k++) {
            for (int i = 0; i < mu.length; i++) {
                mu[i] += weights[k] * means[k][i];
            }
        }
        return mu;
    }

    /** Overall covariance sum_k pi_k (C_k + (mu_k - mu)(mu_k - mu)^T). */
    public double[][] covariance() {
        double[] mu = mean();
        int d = dim();
        double[][] c = new double[d][d];
        for (int k = 0; k < components(); k++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[i][j] += weights[k] * (covariances[k][i][j] + (means[k][i] - mu[i]) * (means[k][j] - mu[j]));
                }
            }
        }
        return c;
    }

    /** Eigendecomposition of C_k. */
    public SymmetricEigen eigen(int k) {
        return new SymmetricEigen(eigen[k].values().clone(), deepCopy(eigen[k].vectors()));
    }

    /** Component k alone, N(mu_k, C_k), as a one-component mixture (its decomposition reused). */
    public GaussianMixture component(int k) {
        return new GaussianMixture(new double[] {1}, new double[][] {means[k].clone()},
                new double[][][] {deepCopy(covariances[k])}, new SymmetricEigen[] {eigen(k)});
    }

    /**
     * The law of a x_0 + s z: means a mu_k, covariances a^2 C_k + s^2 I (SPEC §8). Their
     * eigenvectors are C_k's and their eigenvalues a^2 lambda + s^2, so no new decomposition is
     * needed (which would cost seconds per call at D = 784).
     */
    public GaussianMixture diffused(double a, double s) {
        int k = components();
        int d = dim();
        double[][] mu = new double[k][d];
        double[][][] c = new double[k][d][d];
        SymmetricEigen[] e = new SymmetricEigen[k];
        for (int i = 0; i < k; i++) {
            for (int r = 0; r < d; r++) {
                mu[i][r] = a * means[i][r];
                for (int col = 0; col < d; col++) {
                    c[i][r][col] = a * a * covariances[i][r][col] + (r == col ? s * s : 0);
                }
            }
            double[] values = eigen[i].values().clone();
            for (int j = 0; j < d; j++) {
                values[j] = a * a * values[j] + s * s;
            }
            e[i] = new SymmetricEigen(values, eigen[i].vectors());
        }
        return new GaussianMixture(weights.clone(), mu, c, e);
    }

    /**
     * The conditional law of the other coordinates given x[known[j]] = values[j]: a mixture with
     * weights pi'_k proportional to pi_k N(y; mu_kO, C_kOO), means mu_kU + C_kUO C_kOO^-1 (y - mu_kO)
     * and covariances C_kUU - C_kUO C_kOO^-1 C_kOU (SPEC §8). Coordinates keep their order.
     */
    public GaussianMixture conditional(int[] known, double[] values) {
        int d = dim();
        if (known.length != values.length || known.length == 0 || known.length >= d) {
            throw new IllegalArgumentException("give between 1 and " + (d - 1) + " known coordinates with one value each");
        }
        boolean[] isKnown = new boolean[d];
        for (int j : known) {
            if (j < 0 || j >= d || isKnown[j]) {
                throw new IllegalArgumentException("known coordinates must be distinct indices in [0, " + d + "), got " + j);
            }
            isKnown[j] = true;
        }
        int[] unknown = java.util.stream.IntStream.range(0, d).filter(j -> !isKnown[j]).toArray();
        int k = components();
        double[] logW = new double[k];
        double[][] mu = new double[k][];
        double[][][] c = new double[k][][];
        for (int i = 0; i < k; i++) {
            double[][] coo = block(covariances[i], known, known);
            double[][] cuo = block(covariances[i], unknown, known);
            Cholesky chol = new Cholesky(coo);
            double[] resid = new double[known.length];
            for (int j = 0; j < known.length; j++) {
                resid[j] = values[j] - means[i][known[j]];
            }
            double[] solved = chol.solve(resid);
            logW[i] = Math.log(weights[i]) - 0.5 * (dot(resid, solved) + chol.logDet() + known.length * LOG_2PI);
            mu[i] = new double[unknown.length];
            c[i] = block(covariances[i], unknown, unknown);
            double[][] gain = new double[unknown.length][];
            for (int u = 0; u < unknown.length; u++) {
                gain[u] = chol.solve(cuo[u]);
                mu[i][u] = means[i][unknown[u]] + dot(cuo[u], solved);
            }
            for (int u = 0; u < unknown.length; u++) {
                for (int v = 0; v < unknown.length; v++) {
                    c[i][u][v] -= dot(gain[u], cuo[v]);
                }
            }
        }
        double max = Arrays.stream(logW).max().orElseThrow();
        double[] w = Arrays.stream(logW).map(l -> Math.exp(l - max)).toArray();
        return of(w, mu, symmetrised(c));
    }

    /** Exact samples and the component each came from. */
    public Draws sample(int n, SplittableRandom rnd) {
        int d = dim();
        double[][] x = new double[n][d];
        int[] labels = new int[n];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            int k = pick(rnd.nextDouble());
            labels[i] = k;
            double[] values = eigen[k].values();
            double[][] q = eigen[k].vectors();
            for (int j = 0; j < d; j++) {
                z[j] = rnd.nextGaussian() * Math.sqrt(values[j]);
            }
            for (int r = 0; r < d; r++) {
                double s = means[k][r];
                for (int j = 0; j < d; j++) {
                    s += q[r][j] * z[j];
                }
                x[i][r] = s;
            }
        }
        return new Draws(x, labels);
    }

    /** Samples with the index of the component each was drawn from. */
    public record Draws(double[][] points, int[] components) {}

    private int pick(double u) {
        double cum = 0;
        for (int k = 0; k < weights.length - 1; k++) {
            cum += weights[k];
            if (u < cum) {
                return k;
            }
        }
        return weights.length - 1;
    }

    /** Log density log p(x) (log-sum-exp over components). */
    public double logDensity(double[] x) {
        double[] logs = componentLogJoint(x);
        double max = Arrays.stream(logs).max().orElseThrow();
        double s = 0;
        for (double l : logs) {
            s += Math.exp(l - max);
        }
        return max + Math.log(s);
    }

    /** Responsibilities p(k | x). */
    public double[] responsibilities(double[] x) {
        double[] logs = componentLogJoint(x);
        double lse = logDensity(x);
        return Arrays.stream(logs).map(l -> Math.exp(l - lse)).toArray();
    }

    /** The component with the largest responsibility for x. */
    public int mostLikelyComponent(double[] x) {
        double[] logs = componentLogJoint(x);
        int best = 0;
        for (int k = 1; k < logs.length; k++) {
            if (logs[k] > logs[best]) {
                best = k;
            }
        }
        return best;
    }

    /** log pi_k + log N(x; mu_k, C_k) for each k, through the eigendecomposition of C_k. */
    private double[] componentLogJoint(double[] x) {
        int d = dim();
        double[] out = new double[components()];
        for (int k = 0; k < out.length; k++) {
            double[] values = eigen[k].values();
            double[][] q = eigen[k].vectors();
            double maha = 0;
            double logDet = 0;
            for (int j = 0; j < d; j++) {
                double y = 0;
                for (int r = 0; r < d; r++) {
                    y += q[r][j] * (x[r] - means[k][r]);
                }
                maha += y * y / values[j];
                logDet += Math.log(values[j]);
            }
            out[k] = Math.log(weights[k]) - 0.5 * (maha + logDet + d * LOG_2PI);
        }
        return out;
    }

    private static double[][] block(double[][] m, int[] rows, int[] cols) {
        double[][] b = new double[rows.length][cols.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                b[i][j] = m[rows[i]][cols[j]];
            }
        }
        return b;
    }

    private static double[][][] symmetrised(double[][][] c) {
        for (double[][] m : c) {
            for (int i = 0; i < m.length; i++) {
                for (int j = i + 1; j < m.length; j++) {
                    double avg = 0.5 * (m[i][j] + m[j][i]);
                    m[i][j] = avg;
                    m[j][i] = avg;
                }
            }
        }
        return c;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
