package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.UserInputException;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Discretization;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/**
 * Ancestral sampling of the discrete chain's posterior (Ho et al. 2020; Song et al. 2021, eq. 47):
 * x_mean = c (x + k score), x = x_mean + sigma z with the chain's own (c, k, sigma). Defined for
 * chains that have a posterior rule, i.e. VE (NCSN) and VP (DDPM).
 */
public final class Ancestral implements Predictor {
    @Override
    public Step step(ScoreModel model, NDArray x, double t, Discretization chain, Rng rng) {
        Discretization.AncestralStep rule = chain.ancestral(t).orElseThrow(() -> unsupported(model.sde()));
        NDArray score = model.score(x, Times.like(x, t));
        NDArray mean = score.muli(rule.scoreScale()).addi(x).muli(rule.meanScale());
        NDArray noise = rng.normal(x.getManager(), x.getShape(), x.getDataType()).muli(rule.noiseStd());
        return new Step(noise.addi(mean), mean);
    }

    @Override
    public void checkSupports(Sde sde) {
        if (sde.discretize(1).ancestral(sde.tMax()).isEmpty()) {
            throw unsupported(sde);
        }
    }

    private static UserInputException unsupported(Sde sde) {
        return new UserInputException("ancestral sampling is defined for the ve and vp SDEs only, not '"
                + sde.name() + "': use --sampler reverse-diffusion, which is its analogue for every SDE");
    }

    @Override
    public String toString() {
        return "ancestral";
    }
}
