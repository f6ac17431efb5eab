package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Discretization;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/** One reverse-time step of a predictor-corrector sampler (Song et al. 2021, §4.2). */
public interface Predictor {
    /** Makes no step and no model call. */
    Predictor NONE = new Predictor() {
        @Override
        public Step step(ScoreModel model, NDArray x, double t, Discretization chain, Rng rng) {
            return new Step(x, x);
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    /**
     * Steps from time t of an N-point grid towards t - T/N.
     *
     * @param model the score model
     * @param x current state; the step's arrays go to its manager
     * @param t current time
     * @param chain the SDE's N-step discretisation (N = number of grid points)
     * @param rng noise source
     */
    Step step(ScoreModel model, NDArray x, double t, Discretization chain, Rng rng);

    /**
     * Fails with {@link io.github.scoresde.UserInputException} when this predictor is not defined
     * for {@code sde}; the default accepts every SDE.
     */
    default void checkSupports(Sde sde) {}
}
