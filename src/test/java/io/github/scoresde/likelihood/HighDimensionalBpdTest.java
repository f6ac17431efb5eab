package io.github.scoresde.likelihood;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.sample.ode.DormandPrince45;
import io.github.scoresde.sample.ode.Tolerances;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.testing.Oracle;
import io.github.scoresde.train.data.PixelScaling;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Bits per dimension of 784-D "images" from the ODE with Hutchinson's estimator against the
 * closed form. The Gaussian is MNIST-like but synthetic (no data set in tests): pixel means in
 * [-0.9, 0.5], variances log-spaced over [0.005, 0.5] (a constant-ish border up to busy centre
 * pixels, plus the delta I of SPEC §8), correlated in pairs by random 2x2 rotations so that the
 * Jacobian is not diagonal (on a diagonal Jacobian Rademacher probes would be exact). Its
 * eigendecomposition stays cheap for the Jacobi method because the covariance is block diagonal.
 */
class HighDimensionalBpdTest {
    private static final int D = 784;
    private static final int BATCH = 64;

    @Test
    void hutchinsonBpdMatchesTheClosedForm() {
        GaussianMixture gaussian = pairwiseCorrelated(new SplittableRandom(784));
        try (NDManager m = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(gaussian, new VpSde(), m)) {
            double[][] images = quantized(gaussian.sample(BATCH, new SplittableRandom(1)).points());
            NDArray x = Dequantizer.dequantize(Oracle.array(m, images, DataType.FLOAT32), PixelScaling.SYMMETRIC, new Rng(2));
            double[] truth = BitsPerDim.of(LikelihoodOracle.logDensity(model, model.sde().eps(), x), D, PixelScaling.SYMMETRIC);
            long start = System.nanoTime();
            ProbabilityFlowLikelihood likelihood = new ProbabilityFlowLikelihood(model,
                    new DormandPrince45(Tolerances.of(1e-5, 1e-5)), new HutchinsonDivergence(ProbeDistribution.RADEMACHER, 4, new Rng(3)));
            ProbabilityFlowLikelihood.Result r = likelihood.logLikelihood(x);
            double[] bpd = BitsPerDim.of(r.values(), D, PixelScaling.SYMMETRIC);
            MeanEstimate ode = MeanEstimate.of(bpd);
            MeanEstimate exact = MeanEstimate.of(truth);
            double[] exactTerminal = BitsPerDim.of(LikelihoodOracle.withExactTerminal(model, r), D, PixelScaling.SYMMETRIC);
            System.out.printf("784-D bpd: ODE %.5f +- %.5f, closed form %.5f, max per-image |diff| %.4f, with exact p_T %.5f, nfe %d, %.1f s%n",
                    ode.mean(), ode.standardError(), exact.mean(), LikelihoodOracle.maxAbsDifference(bpd, truth),
                    MeanEstimate.of(exactTerminal).mean(), r.nfe(),
                    (System.nanoTime() - start) / 1e9);
            // Measured: mean differs by 1.5e-4 bpd, per image by at most 0.015 (Hutchinson noise
            // with 4 Rademacher probes; the solver error at rtol 1e-5 and the prior's mismatch
            // with p_T, 3e-4 bpd, are smaller). The mean's noise is ~0.015 / sqrt(64) ~ 0.002, so
            // 0.01 is about 5 standard errors; 0.05 per image about 8 standard deviations.
            assertTrue(Math.abs(ode.mean() - exact.mean()) < 0.01, "mean bpd " + ode + " vs closed form " + exact);
            assertTrue(LikelihoodOracle.maxAbsDifference(bpd, truth) < 0.05, "per-image bpd differs by more than 0.05");
        }
    }

    /** Pixels of [-1, 1] data: clipped and rounded to the 8-bit grid. */
    static double[][] quantized(double[][] points) {
        for (double[] p : points) {
            for (int j = 0; j < p.length; j++) {
                p[j] = PixelScaling.SYMMETRIC.toData(PixelScaling.SYMMETRIC.toPixel(p[j]));
            }
        }
        return points;
    }

    static GaussianMixture pairwiseCorrelated(SplittableRandom rnd) {
        double[] mean = new double[D];
        double[][] cov = new double[D][D];
        for (int j = 0; j < D; j += 2) {
            double v1 = variance(j);
            double v2 = variance(j + 1);
            double angle = rnd.nextDouble(Math.PI);
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            cov[j][j] = c * c * v1 + s * s * v2;
            cov[j + 1][j + 1] = s * s * v1 + c * c * v2;
            cov[j][j + 1] = c * s * (v1 - v2);
            cov[j + 1][j] = cov[j][j + 1];
            mean[j] = -0.9 + 1.4 * rnd.nextDouble();
            mean[j + 1] = -0.9 + 1.4 * rnd.nextDouble();
        }
        return GaussianMixture.of(new double[] {1}, new double[][] {mean}, new double[][][] {cov});
    }

    private static double variance(int j) {
        return 0.005 * Math.pow(100, (j * 7919 % D) / (double) (D - 1));
    }
}
