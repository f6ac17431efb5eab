package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.ode.VectorField;
import io.github.scoresde.sde.Sde;

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
        Sde sde = model.sde();
        return model.score(x, Times.like(x, t)).muli(-0.5 * sde.g2(t)).addi(x.mul(sde.f(t)));
    }
}
