package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.scoresde.model.CountingScoreModel;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Discretization;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Scopes;

/**
 * Predictor-corrector sampling (Song et al. 2021, Algorithm 1): at each grid time t_k, n corrector
 * steps at t_k, then one predictor step from t_k (the reference code's order; same NFE as the
 * paper's). Either part may be {@code NONE}: Euler–Maruyama, reverse diffusion and ancestral
 * sampling are predictor-only, Langevin and annealed Langevin dynamics corrector-only.
 * The last step returns x_mean when {@code denoise} is set (no noise on the final step). The
 * context's {@link Constraint} follows every predictor and corrector step.
 */
public final class PredictorCorrector implements Sampler {
    private final Predictor predictor;
    private final Corrector corrector;
    private final int correctorSteps;
    private final boolean denoise;

    /**
     * @param predictor the predictor, or {@link Predictor#NONE}
     * @param corrector the corrector, or {@link Corrector#NONE}
     * @param correctorSteps corrector steps per time step (>= 0; ignored for NONE)
     * @param denoise return x_mean of the last step
     */
    public PredictorCorrector(Predictor predictor, Corrector corrector, int correctorSteps, boolean denoise) {
        if (correctorSteps < 0) {
            throw new IllegalArgumentException("corrector steps must be >= 0, got " + correctorSteps);
        }
        this.predictor = predictor;
        this.corrector = corrector;
        this.correctorSteps = corrector == Corrector.NONE ? 0 : correctorSteps;
        this.denoise = denoise;
    }

    @Override
    public Samples sample(ScoreModel model, NDArray xStart, Schedule schedule, SamplingContext context) {
        Sde sde = model.sde();
        predictor.checkSupports(sde);
        corrector.checkSupports(sde);
        double[] times = schedule.times(sde);
        Discretization chain = sde.discretize(times.length);
        CountingScoreModel counted = new CountingScoreModel(model);
        NDManager owner = xStart.getManager();
        try (NDManager carry = owner.newSubManager()) {
            NDArray start = xStart.duplicate();
            start.attach(carry);
            NDList state = new NDList(start, start);
            Constraint constraint = context.constraint();
            for (int k = 0; k < times.length; k++) {
                double t = times[k];
                // The predictor steps to the next grid time, or past the last one towards 0.
                double reached = k + 1 < times.length ? times[k + 1] : 0;
                NDArray x = state.get(0);
                state = Scopes.advance(carry, state, scope -> {
                    Step step = new Step(x, x);
                    for (int j = 0; j < correctorSteps; j++) {
                        step = constraint.enforce(corrector.correct(counted, step.x(), t, chain, context.rng()), t, sde,
                                context.rng());
                    }
                    if (predictor != Predictor.NONE) {
                        step = constraint.enforce(predictor.step(counted, step.x(), t, chain, context.rng()), reached, sde,
                                context.rng());
                    }
                    return new NDList(step.x(), step.xMean());
                });
                context.listener().onStep(new StepEvent(k, times.length, t, state.get(0)));
            }
            NDArray x = state.get(denoise ? 1 : 0);
            NDArray mean = state.get(1);
            x.attach(owner);
            mean.attach(owner);
            return new Samples(x, mean, counted.calls());
        }
    }

    @Override
    public String toString() {
        return "pc(" + predictor + ", " + corrector + " x" + correctorSteps + (denoise ? ", denoise" : "") + ")";
    }
}
