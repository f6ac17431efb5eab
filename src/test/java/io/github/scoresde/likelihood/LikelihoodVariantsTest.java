package io.github.scoresde.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sample.ode.ButcherTableau;
import io.github.scoresde.sample.ode.DormandPrince45;
import io.github.scoresde.sample.ode.FixedStepRungeKutta;
import io.github.scoresde.sample.ode.OdeSolver;
import io.github.scoresde.sample.ode.Tolerances;
import io.github.scoresde.sde.VpSde;
import org.junit.jupiter.api.Test;

/** Float32 by default, fixed-step solvers, and the data type of the results. */
class LikelihoodVariantsTest {
    @Test
    void float32InputGivesFloat32ResultsCloseToTheOracle() {
        double error = error(DataType.FLOAT32, new DormandPrince45(Tolerances.of(1e-5, 1e-5)));
        // Measured max |err| 5e-4 nats (solver error at rtol 1e-5 plus float32 round-off); 4x margin.
        assertTrue(error < 2e-3, "float32 max |err| " + error);
    }

    @Test
    void fixedStepRungeKuttaConverges() {
        double coarse = error(DataType.FLOAT64, new FixedStepRungeKutta(ButcherTableau.RK4, 25));
        double fine = error(DataType.FLOAT64, new FixedStepRungeKutta(ButcherTableau.RK4, 100));
        // Fourth order: 4x more steps should cut the error ~256x once in the asymptotic regime;
        // measured 390x (6.6e-4 -> 1.7e-6), so at least 16x is required.
        assertTrue(fine < coarse / 16, "RK4 error " + coarse + " -> " + fine);
        assertTrue(fine < 1e-3, "RK4 100 steps max |err| " + fine);
    }

    private static double error(DataType type, OdeSolver solver) {
        try (NDManager m = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(Mixtures.gmm8(), new VpSde(), m)) {
            NDArray x = LikelihoodOracle.samplesAtEps(model, 32, type, m, 11);
            ProbabilityFlowLikelihood.Result r = new ProbabilityFlowLikelihood(model, solver, new ExactDivergence()).logLikelihood(x);
            assertEquals(type, r.logLikelihood().getDataType());
            assertEquals(type, r.latent().getDataType());
            assertEquals(x.getShape(), r.latent().getShape());
            double e = LikelihoodOracle.maxAbsDifference(LikelihoodOracle.withExactTerminal(model, r),
                    LikelihoodOracle.logDensity(model, model.sde().eps(), x));
            System.out.printf("%s %s: max |err| %.3g, nfe %d%n", type, solver, e, r.nfe());
            return e;
        }
    }
}
