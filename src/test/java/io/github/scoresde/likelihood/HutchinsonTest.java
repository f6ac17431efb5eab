package io.github.scoresde.likelihood;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sample.ode.ButcherTableau;
import io.github.scoresde.sample.ode.FixedStepRungeKutta;
import io.github.scoresde.sample.ode.OdeSolver;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hutchinson's estimate is unbiased: a batch of M copies of one point gets M independent probes,
 * so its M estimates are independent draws whose mean must lie within 3 standard errors of the
 * exact-divergence value. The fixed-step solver makes the time grid the same for both, and the x
 * trajectory does not depend on the probes, so the Runge–Kutta combination of the stage values
 * is linear in v v^T and the expectation is exactly the exact-divergence result of the same
 * discretisation. A false alarm has probability 0.3% per case.
 */
class HutchinsonTest {
    private static final int COPIES = 2000;

    @ParameterizedTest
    @EnumSource(ProbeDistribution.class)
    void meanOverProbesMatchesTheExactDivergence(ProbeDistribution distribution) {
        // aniso16: a full 16-D Jacobian, so neither probe law is exact by accident (a diagonal
        // Jacobian makes Rademacher probes exact).
        GaussianMixture mixture = Mixtures.aniso16();
        OdeSolver solver = new FixedStepRungeKutta(ButcherTableau.RK4, 10);
        try (NDManager m = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(mixture, new VpSde(), m)) {
            NDArray point = LikelihoodOracle.samplesAtEps(model, 1, DataType.FLOAT64, m, 3);
            double exact = new ProbabilityFlowLikelihood(model, solver, new ExactDivergence()).logLikelihood(point).values()[0];
            NDArray copies = point.repeat(0, COPIES);
            MeanEstimate one = estimate(model, solver, copies, new HutchinsonDivergence(distribution, new Rng(21)));
            MeanEstimate four = estimate(model, solver, copies, new HutchinsonDivergence(distribution, 4, new Rng(22)));
            System.out.printf("%s: exact %.5f, K=1 %.5f +- %.5f, K=4 %.5f +- %.5f%n",
                    distribution, exact, one.mean(), one.standardError(), four.mean(), four.standardError());
            assertTrue(Math.abs(one.mean() - exact) < 3 * one.standardError(), "K=1: " + one + " vs exact " + exact);
            assertTrue(Math.abs(four.mean() - exact) < 3 * four.standardError(), "K=4: " + four + " vs exact " + exact);
            // Averaging 4 probes halves the standard deviation; with 2000 draws the estimated
            // standard errors are good to a few percent, so a ratio below 0.6 is safe.
            assertTrue(four.standardError() < 0.6 * one.standardError(), "K=4 should halve the spread: " + one + " " + four);
        }
    }

    private static MeanEstimate estimate(ExactMixtureModel model, OdeSolver solver, NDArray copies, Divergence divergence) {
        return MeanEstimate.of(new ProbabilityFlowLikelihood(model, solver, divergence).logLikelihood(copies).values());
    }
}
