package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.scoresde.model.CountingScoreModel;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.ode.OdeSolution;
import io.github.scoresde.sample.ode.OdeSolver;
import io.github.scoresde.sde.Discretization;
import io.github.scoresde.tensor.Scopes;

/**
 * Samples by solving the probability-flow ODE from the schedule's first time to its last with
 * any {@link OdeSolver} (adaptive Dormand–Prince, or fixed-step Euler/Heun/RK4). With
 * {@code denoise}, ends as the reference code does with one noise-free reverse-diffusion step at
 * the final time on the schedule's N-step chain (+1 NFE).
 */
public final class ProbabilityFlowSampler implements Sampler {
    private final OdeSolver solver;
    private final boolean denoise;

    /**
     * @param solver the ODE solver
     * @param denoise finish with a noise-free reverse-diffusion step
     */
    public ProbabilityFlowSampler(OdeSolver solver, boolean denoise) {
        this.solver = solver;
        this.denoise = denoise;
    }

    @Override
    public Samples sample(ScoreModel model, NDArray xStart, Schedule schedule, SamplingContext context) {
        if (context.constraint() != Constraint.NONE) {
            throw new UnsupportedOperationException(this + " does not apply constraints: use a pc sampler or an EDM-form"
                    + " ODE sampler (edm-heun, ddim, dpmpp-2m)");
        }
        double[] times = schedule.times(model.sde());
        double end = times[times.length - 1];
        CountingScoreModel counted = new CountingScoreModel(model);
        int[] step = {0};
        OdeSolution solution = solver.solve(new ProbabilityFlow(counted), xStart, times[0], end,
                (t, x) -> context.listener().onStep(new StepEvent(step[0]++, -1, t, x)));
        NDArray x = solution.x();
        if (denoise) {
            Discretization.ForwardStep last = model.sde().discretize(times.length).forwardStep(end);
            x = Scopes.one(xStart.getManager(), new NDList(solution.x()),
                    scope -> ReverseDiffusion.denoisedMean(counted, solution.x(), end, last));
            solution.x().close();
        }
        return new Samples(x, x, counted.calls());
    }

    /**
     * False: the solvers own their steps, so there is no point between steps to apply a
     * constraint at (the EDM-form samplers integrate the same ODE and do apply them).
     */
    @Override
    public boolean appliesConstraints() {
        return false;
    }

    @Override
    public String toString() {
        return "probability-flow(" + solver.getClass().getSimpleName() + (denoise ? ", denoise" : "") + ")";
    }
}
