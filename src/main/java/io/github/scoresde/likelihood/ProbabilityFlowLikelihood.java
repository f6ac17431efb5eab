package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.ProbabilityFlow;
import io.github.scoresde.sample.ode.OdeSolution;
import io.github.scoresde.sample.ode.OdeSolver;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Scopes;

/**
 * Exact log-likelihoods through the probability-flow ODE (Song et al. 2021, section 4.3 and
 * appendix D.2; SPEC §5): integrating d x / dt = f~(x, t), d Delta / dt = div f~(x, t) from
 * x(eps) = x, Delta(eps) = 0 to T gives
 * <pre>log p_eps(x) = log p_T(x_T) + Delta(T)</pre>
 * by the instantaneous change of variables (Chen et al. 2018). It is p_eps, the marginal at the
 * start time, not p_0. x_T is the latent encoding of x.
 *
 * <p>Works for any {@link ScoreModel} and SDE, with any {@link OdeSolver} (adaptive
 * Dormand–Prince with rtol/atol, or fixed-step Runge–Kutta) and any {@link Divergence}. The state
 * keeps x's data type: float32 by default, float64 when x is float64 (round-off limits float32 to
 * about 1e-4 relative accuracy at tight tolerances). Each solver step runs in its own
 * sub-manager, so memory stays flat over any number of batches. Not thread-safe when the
 * divergence holds a random generator.
 */
public final class ProbabilityFlowLikelihood {
    private final ScoreModel model;
    private final OdeSolver solver;
    private final Divergence divergence;
    private final double eps;

    /**
     * @param model the score model, with its SDE
     * @param solver the ODE solver
     * @param divergence how div f~ is computed
     * @param eps the start time, in (0, T)
     */
    public ProbabilityFlowLikelihood(ScoreModel model, OdeSolver solver, Divergence divergence, double eps) {
        double tMax = model.sde().tMax();
        if (!(eps > 0 && eps < tMax)) {
            throw new IllegalArgumentException("eps must be in (0, " + tMax + "), got " + eps);
        }
        this.model = model;
        this.solver = solver;
        this.divergence = divergence;
        this.eps = eps;
    }

    /** Starting at the SDE's default {@link Sde#eps()}. */
    public ProbabilityFlowLikelihood(ScoreModel model, OdeSolver solver, Divergence divergence) {
        this(model, solver, divergence, model.sde().eps());
    }

    /** The start time eps: the result is log p_eps. */
    public double eps() {
        return eps;
    }

    /**
     * Log-likelihoods of a batch.
     *
     * @param x data [B, ...] in the model's units, float32 or float64
     * @return per-sample log p_eps(x), the latents x_T and the solver's counts
     */
    public Result logLikelihood(NDArray x) {
        NDManager home = x.getManager();
        Sde sde = model.sde();
        int[] nfe = new int[1];
        NDList out = Scopes.run(home, new NDList(x), scope -> {
            Probes probes = divergence.draw(scope, x.getShape(), x.getDataType());
            AugmentedFlow flow = new AugmentedFlow(new ProbabilityFlow(model), x.getShape(), probes);
            OdeSolution end = solver.solve(flow, AugmentedFlow.augment(x), eps, sde.tMax());
            nfe[0] = end.nfe();
            NDArray latent = AugmentedFlow.position(end.x(), x.getShape());
            NDArray logLik = sde.prior().logDensity(latent).add(AugmentedFlow.delta(end.x()));
            return new NDList(logLik, latent);
        });
        return new Result(out.get(0), out.get(1), nfe[0]);
    }

    /**
     * Log-likelihoods of one batch.
     *
     * @param logLikelihood log p_eps(x) per sample [B], in x's type and manager
     * @param latent the encoding x_T, shaped like x, in x's manager
     * @param nfe evaluations of the augmented field, each one model call on n B samples (n
     *     probes per sample) and one backward pass
     */
    public record Result(NDArray logLikelihood, NDArray latent, int nfe) {
        /** The log-likelihoods as Java values. */
        public double[] values() {
            try (NDArray copy = logLikelihood.toType(DataType.FLOAT64, true)) {
                return copy.toDoubleArray();
            }
        }
    }
}
