package io.github.scoresde.condition.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.eval.Moments;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.sample.Corrector;
import io.github.scoresde.sample.EdmSampler;
import io.github.scoresde.sample.EulerMaruyama;
import io.github.scoresde.sample.PredictorCorrector;
import io.github.scoresde.sample.ReverseDiffusion;
import io.github.scoresde.sample.SamplingContext;
import io.github.scoresde.sample.StepListener;
import io.github.scoresde.sample.UniformTime;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.testing.Oracle;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Super-resolution of a linear-Gaussian problem against its exact posterior: a 4x4 "image" with a
 * smooth Gaussian prior (squared-exponential covariance, length scale 1.5 pixels, plus 0.05 I),
 * measured by 2x2 average pooling (4 values) of one prior draw, sampled by each method from the
 * exact prior score under VP. N = 4000 samples put the sampling error of a posterior mean at
 * 1/sqrt(N) = 0.016 posterior standard deviations per pixel (0.05 for the largest of 16) and of
 * the covariance at about sqrt(2/N) = 0.02 relative; every method's bias is far larger, so the
 * tolerances are the measured errors (in the comments) with about 1.5-2x headroom, and far below
 * the prior's own errors (5.2 sd and 7.5 in the mean and covariance). DDRM, ILVR and CCDF are
 * approximate (DDRM and ILVR satisfy the measurements exactly); TMPD's posterior score is exact
 * for a Gaussian prior, so it is held to the sampling error.
 */
class InverseProblemsTest {
    private static final int N = 4000;
    private static final Sde SDE = new VpSde();
    private static GaussianMixture prior;
    private static LinearMeasurement pooling;
    private static double[] truth;

    @BeforeAll
    static void problem() {
        double[][] c = new double[16][16];
        double[] mu = new double[16];
        for (int p = 0; p < 16; p++) {
            mu[p] = 0.1 * (p % 4) - 0.15;
            for (int q = 0; q < 16; q++) {
                double dy = p / 4 - q / 4;
                double dx = p % 4 - q % 4;
                c[p][q] = 0.5 * Math.exp(-(dx * dx + dy * dy) / (2 * 1.5 * 1.5)) + (p == q ? 0.05 : 0);
            }
        }
        prior = GaussianMixture.of(new double[] {1}, new double[][] {mu}, new double[][][] {c});
        pooling = Operators.averagePooling(new Shape(1, 4, 4), 2).withSampleShape(new Shape(16));
        truth = prior.sample(1, new SplittableRandom(3)).points()[0];
    }

    @Test
    void ddrmMatchesThePosteriorMeanAndKeepsTheMeasurements() {
        Result r = solve(0, (model, measured, rng, nd) -> {
            NDArray start = DdrmStep.start(measured, SDE, new Shape(N, 16), rng, nd, DataType.FLOAT32);
            return DdrmStep.sampler(measured, 0.85, 1, true)
                    .sample(model, start, new UniformTime(100), new SamplingContext(rng)).x();
        });
        // Measured: mean error 0.084 sd, covariance error 0.31, trace ratio 0.70 (DDRM at eta = 0.85 is narrower).
        r.assertWithin(0.15, 0.45);
        assertTrue(r.inconsistency < 1e-4, "H x = y: " + r.inconsistency);
    }

    @Test
    void ddrmWithMeasurementNoise() {
        Result r = solve(0.1, (model, measured, rng, nd) -> {
            NDArray start = DdrmStep.start(measured, SDE, new Shape(N, 16), rng, nd, DataType.FLOAT32);
            return DdrmStep.sampler(measured, 0.85, 1, true)
                    .sample(model, start, new UniformTime(100), new SamplingContext(rng)).x();
        });
        // Measured: 0.066 sd, 0.32, trace ratio 0.66.
        r.assertWithin(0.15, 0.5);
    }

    @Test
    void ilvrSteersThePredictorOntoTheMeasurements() {
        Result r = solve(0, (model, measured, rng, nd) -> {
            NDArray start = SDE.prior().sample(nd, new Shape(N, 16), DataType.FLOAT32, rng);
            return new PredictorCorrector(new ReverseDiffusion(), Corrector.NONE, 0, true)
                    .sample(model, start, new UniformTime(1000), new SamplingContext(rng, StepListener.NONE,
                            new Ilvr(measured, 0))).x();
        });
        // Measured: 0.145 sd, 0.057, trace ratio 1.04.
        r.assertWithin(0.35, 0.15);
        assertTrue(r.inconsistency < 1e-4, "H x = y: " + r.inconsistency);
    }

    @Test
    void ccdfStartsHalfwayFromThePseudoInverse() {
        Result r = solve(0, (model, measured, rng, nd) -> {
            double t0 = 0.5;
            NDArray start = Ccdf.start(measured, SDE, t0, new Shape(N, 16), rng, nd, DataType.FLOAT32);
            return EdmSampler.ddim(1, true).sample(model, start, new Ccdf.Window(t0, 50, Double.NaN),
                    new SamplingContext(rng, StepListener.NONE, new Ilvr(measured, 0))).x();
        });
        // Measured: 0.16 sd, 0.12, trace ratio 0.88.
        r.assertWithin(0.3, 0.25);
        assertTrue(r.inconsistency < 1e-4, "H x = y: " + r.inconsistency);
    }

    @Test
    void tmpdIsExactForAGaussianPrior() {
        Result r = solve(0.1, (model, measured, rng, nd) -> {
            NDArray start = SDE.prior().sample(nd, new Shape(N, 16), DataType.FLOAT32, rng);
            return new PredictorCorrector(new EulerMaruyama(), Corrector.NONE, 0, true)
                    .sample(new TmpdGuidance(model, measured), start, new UniformTime(1000), new SamplingContext(rng)).x();
        });
        // Exact score, so only sampling error and Euler-Maruyama's O(1/N) bias remain: the
        // largest of 16 mean errors is about 0.05 sd, the covariance's relative error about 0.04.
        // Measured: 0.026 sd, 0.042, trace ratio 1.007.
        r.assertWithin(0.1, 0.1);
        assertEquals(1, r.traceRatio, 0.06, r.toString());
    }

    @Test
    void thePriorItselfIsFarFromThePosterior() {
        Result r = solve(0, (model, measured, rng, nd) -> Oracle.array(nd, prior.sample(N, new SplittableRandom(9)).points(),
                DataType.FLOAT32));
        assertTrue(r.meanError > 2 && r.covarianceError > 2, "prior: " + r);
    }

    @Test
    void pseudoInverseProjectionAndSpectralCoordinatesAgree() {
        try (NDManager nd = NDManager.newBaseManager()) {
            double[] s = pooling.singularValues();
            assertEquals(4, pooling.rank());
            for (double value : s) {
                assertEquals(0.5, value, 1e-12, "2x2 pooling has singular values 1/2");
            }
            NDArray x = Oracle.array(nd, prior.sample(8, new SplittableRandom(4)).points(), DataType.FLOAT64);
            NDArray y = pooling.measure(x);
            NDArray projected = pooling.project(x.mul(0.3), y);
            assertTrue(pooling.measure(projected).sub(y).abs().max().getDouble() < 1e-12, "projection lands on H x = y");
            NDArray split = pooling.nullPart(x).add(pooling.fromSpectral(pooling.toSpectral(x)));
            assertTrue(split.sub(x).abs().max().getDouble() < 1e-12, "x = null part + V V^T x");
            NDArray spectral = pooling.spectralMeasurement(y).sub(pooling.toSpectral(x));
            assertTrue(spectral.abs().max().getDouble() < 1e-12, "Sigma^-1 U^T H x = V^T x");
        }
    }

    private interface Method {
        NDArray run(ExactMixtureModel model, Measured measured, Rng rng, NDManager nd);
    }

    private Result solve(double sigmaY, Method method) {
        try (NDManager nd = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(prior, SDE, nd)) {
            Rng rng = new Rng(5);
            Measured measured;
            try (NDArray x0 = nd.create(truth, new Shape(1, 16))) {
                measured = Measured.of(pooling, x0, sigmaY, rng);
            }
            double[][] h = new double[4][16];
            try (NDArray eye = nd.eye(16, 16, 0, DataType.FLOAT64)) {
                double[] columns = pooling.measure(eye).toDoubleArray(); // row q holds H e_q
                for (int q = 0; q < 16; q++) {
                    for (int j = 0; j < 4; j++) {
                        h[j][q] = columns[q * 4 + j];
                    }
                }
            }
            LinearGaussianPosterior exact = LinearGaussianPosterior.of(prior.mean(), prior.covariance(), h, sigmaY,
                    measured.y()[0]);
            NDArray x = method.run(model, measured, rng, nd);
            double inconsistency;
            try (NDArray hx = pooling.measure(x); NDArray y = measured.y(hx)) {
                inconsistency = hx.sub(y).abs().max().toType(DataType.FLOAT64, false).getDouble();
            }
            return Result.of(Oracle.points(x), exact, inconsistency);
        }
    }

    /** Sample moments against the exact posterior. */
    private record Result(double meanError, double covarianceError, double traceRatio, double inconsistency) {
        static Result of(double[][] x, LinearGaussianPosterior exact, double inconsistency) {
            double[] mean = Moments.mean(x);
            double[][] cov = Moments.covariance(x);
            double meanError = 0;
            double diff = 0;
            double norm = 0;
            double trace = 0;
            double traceExact = 0;
            for (int i = 0; i < mean.length; i++) {
                // Pixels the measurement pins exactly have zero posterior variance; floor it.
                double sd = Math.sqrt(Math.max(exact.covariance()[i][i], 1e-4));
                meanError = Math.max(meanError, Math.abs(mean[i] - exact.mean()[i]) / sd);
                trace += cov[i][i];
                traceExact += exact.covariance()[i][i];
                for (int j = 0; j < mean.length; j++) {
                    diff += Math.pow(cov[i][j] - exact.covariance()[i][j], 2);
                    norm += Math.pow(exact.covariance()[i][j], 2);
                }
            }
            return new Result(meanError, Math.sqrt(diff / norm), trace / traceExact, inconsistency);
        }

        void assertWithin(double meanTolerance, double covarianceTolerance) {
            assertTrue(meanError < meanTolerance && covarianceError < covarianceTolerance, toString());
        }
    }
}
