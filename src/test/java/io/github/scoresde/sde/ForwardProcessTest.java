package io.github.scoresde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.eval.Moments;
import io.github.scoresde.eval.SlicedWasserstein;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.tensor.Rng;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Euler–Maruyama simulation of the forward SDE from gmm8 data against the exact marginal
 * p_t = sum_k pi_k N(a mu_k, a^2 C_k + s^2 I) (SPEC §8).
 */
class ForwardProcessTest {
    private static final int N = 10_000;
    private static final int STEPS = 500;
    private static final int NULL_REPLICATES = 8;
    private static final int PROJECTIONS = 128;
    private static final GaussianMixture DATA = Mixtures.gmm8();
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static Stream<Sde> sdes() {
        return Stream.of(new VeSde(0.01, 10), new VpSde(), new SubVpSde());
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void simulatedMarginalsMatchTheExactMixture(Sde sde) {
        long seed = 100 + sde.name().hashCode();
        double[][] x0 = DATA.sample(N, new SplittableRandom(seed)).points();
        int d = DATA.dim();
        // E|x0|^2 of gmm8: |mu|^2 + tr C = 16 + 0.5.
        double meanSquaredNorm = 16.5;
        for (double t : new double[] {0.1, 0.5, 1.0}) {
            String where = sde.name() + " t = " + t;
            double a = sde.a(t);
            double s = sde.s(t);
            GaussianMixture exact = DATA.diffused(a, s);

            double[][] simulated;
            try (NDManager scope = manager.newSubManager()) {
                NDArray start = scope.create(toFloat(x0), new Shape(N, d));
                NDArray xt = ForwardProcess.simulate(sde, start, t, STEPS, new Rng(seed + Math.round(100 * t)));
                assertEquals(new Shape(N, d), xt.getShape());
                assertEquals(DataType.FLOAT32, xt.getDataType());
                simulated = toRows(xt.toFloatArray(), d);
            }

            // The EM chain x_{k+1} = (1 + f_k dt) x_k + sqrt(g2_k dt) z_k is linear, so its law is
            // exactly A x0 + S z with A = prod (1 + f_k dt), S^2 = sum g2_k dt prod_{j>k} (1 + f_j dt)^2.
            // Coupling it with a x0 + s z through the same (x0, z) bounds the discretisation bias:
            // W2^2 <= (A - a)^2 E|x0|^2 + D (S - s)^2, and SW2^2 <= W2^2 / D (E_theta (theta.v)^2 =
            // |v|^2 / D). With 500 steps this allowance is 0.003 (VP, t = 1) at most.
            double[] em = eulerMaruyamaKernel(sde, t, STEPS);
            double allowance = Math.sqrt((sq(em[0] - a) * meanSquaredNorm + d * sq(em[1] - s)) / d);

            // Null: SW2 between two independent exact sets of the same size.
            double[] nulls = new double[NULL_REPLICATES];
            for (int r = 0; r < NULL_REPLICATES; r++) {
                SplittableRandom rnd = new SplittableRandom(seed * 31 + r);
                nulls[r] = SlicedWasserstein.distance(exact.sample(N, rnd).points(), exact.sample(N, rnd).points(),
                        PROJECTIONS, rnd);
            }
            double nullMean = mean(nulls);
            double nullSd = sd(nulls, nullMean);
            SplittableRandom rnd = new SplittableRandom(seed * 17);
            double[][] reference = exact.sample(N, rnd).points();
            double sw = SlicedWasserstein.distance(simulated, reference, PROJECTIONS, rnd);
            // 4 null sd above the null mean, plus the discretisation allowance (triangle inequality).
            double bound = nullMean + 4 * nullSd + allowance;
            assertTrue(sw <= bound, where + ": SW2 " + sw + " > " + bound + " (null " + nullMean + " +- " + nullSd
                    + ", allowance " + allowance + ")");

            // Moments against the exact mixture moments of p_t.
            double[] mu = exact.mean();
            double[][] cov = exact.covariance();
            double[] simMean = Moments.mean(simulated);
            double[][] simCov = Moments.covariance(simulated);
            double[][] cov0 = DATA.covariance();
            for (int i = 0; i < d; i++) {
                // SE of a mean: sqrt(Var / n); 4.5 SE over the 2 x 9 x 3 mean checks of the class.
                // Bias: |A - a| |E x0| = 0 for the centred gmm8; the 1e-6 covers float32 round-off.
                double se = Math.sqrt(cov[i][i] / N);
                assertEquals(mu[i], simMean[i], 4.5 * se + 1e-6, where + " mean " + i);
                for (int j = 0; j < d; j++) {
                    // SE of a covariance entry: sd((x_i - m_i)(x_j - m_j)) / sqrt(n), estimated from
                    // the sample; plus the EM bias (A^2 - a^2) C0_ij + (S^2 - s^2) delta_ij exactly.
                    double seCov = productSd(simulated, simMean, i, j) / Math.sqrt(N);
                    double bias = Math.abs(sq(em[0]) - sq(a)) * Math.abs(cov0[i][j]) + (i == j ? Math.abs(sq(em[1]) - sq(s)) : 0);
                    assertEquals(cov[i][j], simCov[i][j], 4.5 * seCov + bias, where + " cov " + i + "," + j);
                }
            }
        }
    }

    @Test
    void eulerMaruyamaBiasShrinksWithTheSteps() {
        // The allowance above is a first-order (weak order 1) error: 10x the steps, ~10x smaller.
        Sde vp = new VpSde();
        double e100 = Math.abs(eulerMaruyamaKernel(vp, 1, 100)[1] - vp.s(1));
        double e1000 = Math.abs(eulerMaruyamaKernel(vp, 1, 1000)[1] - vp.s(1));
        assertTrue(e100 / e1000 > 7 && e100 / e1000 < 13, "ratio " + e100 / e1000);
    }

    @Test
    void simulationLeavesTheInputAloneAndIsReproducible() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x0 = scope.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(3, 2));
            NDArray first = ForwardProcess.simulate(new VpSde(), x0, 0.3, 20, new Rng(9));
            NDArray second = ForwardProcess.simulate(new VpSde(), x0, 0.3, 20, new Rng(9));
            assertNotSame(x0, first);
            assertEquals(scope, first.getManager());
            // The input is neither modified nor closed.
            assertEquals(21f, x0.sum().getFloat(), 0);
            // Same seed, same path (the Rng reseeds the engine before every draw).
            float[] a = first.toFloatArray();
            float[] b = second.toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 0);
            }
            // t = 0 returns the data itself.
            float[] same = ForwardProcess.simulate(new VeSde(), x0, 0, 5, new Rng(1)).toFloatArray();
            assertEquals(6, same.length);
            for (int i = 0; i < 6; i++) {
                assertEquals(i + 1f, same[i], 0);
            }
            assertThrows(IllegalArgumentException.class, () -> ForwardProcess.simulate(new VpSde(), x0, 0.5, 0, new Rng(1)));
            assertThrows(IllegalArgumentException.class, () -> ForwardProcess.simulate(new VpSde(), x0, -1, 5, new Rng(1)));
        }
    }

    /** {A, S} of the Euler–Maruyama chain from 0 to t in n steps. */
    private static double[] eulerMaruyamaKernel(Sde sde, double t, int n) {
        double dt = t / n;
        double scale = 1;
        double var = 0;
        for (int k = 0; k < n; k++) {
            double time = k * dt;
            double m = 1 + sde.f(time) * dt;
            scale *= m;
            var = var * m * m + sde.g2(time) * dt;
        }
        return new double[] {scale, Math.sqrt(var)};
    }

    private static double productSd(double[][] x, double[] m, int i, int j) {
        double s = 0;
        double s2 = 0;
        for (double[] row : x) {
            double p = (row[i] - m[i]) * (row[j] - m[j]);
            s += p;
            s2 += p * p;
        }
        double mean = s / x.length;
        return Math.sqrt(s2 / x.length - mean * mean);
    }

    private static float[] toFloat(double[][] rows) {
        int d = rows[0].length;
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) rows[i][j];
            }
        }
        return out;
    }

    private static double[][] toRows(float[] flat, int d) {
        double[][] rows = new double[flat.length / d][d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = flat[i * d + j];
            }
        }
        return rows;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += sq(x - mean);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static double sq(double x) {
        return x * x;
    }
}
