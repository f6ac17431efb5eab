package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Discretization;
import io.github.scoresde.tensor.Rng;

/**
 * A predictor without a model call for corrector-only samplers: carries x from one noise level to
 * the next in the EDM form x / a(t) (SPEC §2), i.e. x <- x / sqrt(alpha_i) with the chain's
 * {@link Discretization#langevinAlpha} = (a_i / a_{i-1})^2.
 *
 * <p>Identity under VE, so annealed Langevin dynamics stays NCSN's algorithm there; under VP and
 * sub-VP it removes the lag a pure Langevin chain has when the data scale a(t) changes between
 * levels.
 */
public final class Rescale implements Predictor {
    @Override
    public Step step(ScoreModel model, NDArray x, double t, Discretization chain, Rng rng) {
        NDArray scaled = x.mul(1 / Math.sqrt(chain.langevinAlpha(t)));
        return new Step(scaled, scaled);
    }

    @Override
    public String toString() {
        return "rescale";
    }
}
