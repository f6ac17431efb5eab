package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.testing.Oracle;
import java.util.SplittableRandom;

/** Test helpers: exact samples and exact log densities of a mixture under its SDE. */
final class LikelihoodOracle {
    private LikelihoodOracle() {}

    /** Exact samples of p_eps, as a [n, D] array. */
    static NDArray samplesAtEps(ExactMixtureModel model, int n, DataType type, NDManager m, long seed) {
        double[][] points = model.marginal(model.sde().eps()).sample(n, new SplittableRandom(seed)).points();
        return Oracle.array(m, points, type);
    }

    /** Exact log p_t of each row. */
    static double[] logDensity(ExactMixtureModel model, double t, NDArray x) {
        double[][] rows = Oracle.points(x);
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = model.marginal(t).logDensity(rows[i]);
        }
        return out;
    }

    /**
     * The likelihood with the prior term replaced by the exact log p_T(x_T): isolates the error of
     * the solver and the divergence from the (separate, model-independent) mismatch between p_T
     * and the prior.
     */
    static double[] withExactTerminal(ExactMixtureModel model, ProbabilityFlowLikelihood.Result r) {
        double[] ll = r.values();
        double[] prior;
        try (NDArray p = model.sde().prior().logDensity(r.latent()).toType(DataType.FLOAT64, true)) {
            prior = p.toDoubleArray();
        }
        double[] terminal = logDensity(model, model.sde().tMax(), r.latent());
        for (int i = 0; i < ll.length; i++) {
            ll[i] += terminal[i] - prior[i];
        }
        return ll;
    }

    static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
