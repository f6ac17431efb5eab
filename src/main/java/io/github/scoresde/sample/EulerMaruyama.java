package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Discretization;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/**
 * Euler–Maruyama on the reverse-time SDE dx = [f x - g^2 score] dt + g dw_bar with dt = -T/N
 * (SPEC §4; as the reference code, although the grid spacing is (T - eps)/(N - 1)).
 */
public final class EulerMaruyama implements Predictor {
    @Override
    public Step step(ScoreModel model, NDArray x, double t, Discretization chain, Rng rng) {
        Sde sde = model.sde();
        double dt = -sde.tMax() / chain.steps();
        NDArray score = model.score(x, Times.like(x, t));
        NDArray mean = sde.reverseDrift(x, score, t).muli(dt).addi(x);
        NDArray noise = rng.normal(x.getManager(), x.getShape(), x.getDataType()).muli(Math.sqrt(sde.g2(t) * -dt));
        return new Step(noise.addi(mean), mean);
    }

    @Override
    public String toString() {
        return "euler-maruyama";
    }
}
