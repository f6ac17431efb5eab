package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.ode.VectorField;

/**
 * The probability-flow ODE dx/dt = f(t) x - g(t)^2 score(x, t) / 2 of a score model, whose
 * marginals equal those of the forward SDE (Song et al. 2021, eq. 13).
 */
public final class ProbabilityFlow implements VectorField {
    private final ScoreModel model;

    /** The flow of {@code model} under its SDE. */
    public ProbabilityFlow(ScoreModel model) {
        this.model = model;
    }

    @Override
    public NDArray at(NDArray x, double t) {
        return model.sde().probabilityFlowDrift(x, model.score(x, Times.like(x, t)), t);
    }
}
