package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.ProbabilityFlow;
import io.github.scoresde.sample.ode.OdeSolution;
import io.github.scoresde.sample.ode.OdeSolver;

/**
 * Encodes data x to latents x_T and decodes them back through the probability-flow ODE between
 * eps and T (Song et al. 2021, section 4.3): a deterministic, invertible map, so decode(encode(x))
 * equals x up to the solver's tolerance. The latents follow the prior p_T when x follows p_eps.
 */
public final class LatentCodec {
    private final ProbabilityFlow flow;
    private final OdeSolver solver;
    private final double eps;
    private final double tMax;

    /**
     * @param model the score model, with its SDE
     * @param solver the ODE solver
     * @param eps the data end of the flow, in (0, T)
     */
    public LatentCodec(ScoreModel model, OdeSolver solver, double eps) {
        double t = model.sde().tMax();
        if (!(eps > 0 && eps < t)) {
            throw new IllegalArgumentException("eps must be in (0, " + t + "), got " + eps);
        }
        this.flow = new ProbabilityFlow(model);
        this.solver = solver;
        this.eps = eps;
        this.tMax = t;
    }

    /** With the SDE's default eps. */
    public LatentCodec(ScoreModel model, OdeSolver solver) {
        this(model, solver, model.sde().eps());
    }

    /** x [B, ...] at eps to x_T; the solution's state is owned by x's manager. */
    public OdeSolution encode(NDArray x) {
        return solver.solve(flow, x, eps, tMax);
    }

    /** Latents x_T [B, ...] to data at eps; the solution's state is owned by the latents' manager. */
    public OdeSolution decode(NDArray latent) {
        return solver.solve(flow, latent, tMax, eps);
    }
}
