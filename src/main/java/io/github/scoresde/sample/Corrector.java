package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Discretization;
import io.github.scoresde.tensor.Rng;

/** An MCMC step that leaves p_t invariant, run at fixed t (Song et al. 2021, §4.2). */
public interface Corrector {
    /** Makes no step and no model call. */
    Corrector NONE = new Corrector() {
        @Override
        public Step correct(ScoreModel model, NDArray x, double t, Discretization chain, Rng rng) {
            return new Step(x, x);
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    /**
     * One corrector step at time t.
     *
     * @param model the score model
     * @param x current state; the step's arrays go to its manager
     * @param t current time
     * @param chain the SDE's N-step discretisation
     * @param rng noise source
     */
    Step correct(ScoreModel model, NDArray x, double t, Discretization chain, Rng rng);

    /**
     * Fails with {@link io.github.scoresde.UserInputException} when this corrector is not defined
     * for {@code sde}; the default accepts every SDE.
     */
    default void checkSupports(io.github.scoresde.sde.Sde sde) {}
}
