package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Discretization;
import io.github.scoresde.tensor.Rng;

/**
 * Reverse diffusion: inverts the SDE's own one-step forward discretisation
 * x_i = x_{i-1} + F_i x_{i-1} + G_i z, giving x_mean = x - (F_i x - G_i^2 score),
 * x = x_mean + G_i z (Song et al. 2021, eq. 46; SPEC §4).
 */
public final class ReverseDiffusion implements Predictor {
    @Override
    public Step step(ScoreModel model, NDArray x, double t, Discretization chain, Rng rng) {
        Discretization.ForwardStep forward = chain.forwardStep(t);
        NDArray mean = denoisedMean(model, x, t, forward);
        NDArray noise = rng.normal(x.getManager(), x.getShape(), x.getDataType()).muli(forward.diffusion());
        return new Step(noise.addi(mean), mean);
    }

    /** The noise-free part x - (F x - G^2 score) of the step (one model call). */
    static NDArray denoisedMean(ScoreModel model, NDArray x, double t, Discretization.ForwardStep forward) {
        NDArray score = model.score(x, Times.like(x, t));
        return x.mul(1 - forward.drift()).addi(score.muli(forward.diffusion() * forward.diffusion()));
    }

    @Override
    public String toString() {
        return "reverse-diffusion";
    }
}
