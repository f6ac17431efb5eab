package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Discretization;
import io.github.scoresde.tensor.Rng;

/**
 * The corrector of annealed Langevin dynamics (Song and Ermon 2019, Algorithm 1): at each noise
 * level, x = x + e score + sqrt(2 e) z with e = stepRatio * s(t)^2.
 *
 * <p>NCSN writes the step as epsilon sigma_i^2 / sigma_L^2; with its epsilon = 2e-5 and
 * sigma_L = 0.01 that is stepRatio = epsilon / sigma_L^2 = 0.2. Writing the step relative to the
 * perturbation variance s(t)^2 makes one setting stable for every SDE: a fixed epsilon blows up
 * under sub-VP and EDM, whose s(eps) is tiny relative to s(T).
 */
public final class AnnealedLangevin implements Corrector {
    private final double stepRatio;

    /** @param stepRatio step size relative to s(t)^2, in (0, 1] (NCSN: 0.2) */
    public AnnealedLangevin(double stepRatio) {
        if (!(stepRatio > 0) || stepRatio > 1) {
            throw new IllegalArgumentException("step ratio must be in (0, 1], got " + stepRatio);
        }
        this.stepRatio = stepRatio;
    }

    @Override
    public Step correct(ScoreModel model, NDArray x, double t, Discretization chain, Rng rng) {
        double s = model.sde().s(t);
        double e = stepRatio * s * s;
        NDArray mean = model.score(x, Times.like(x, t)).muli(e).addi(x);
        NDArray noise = rng.normal(x.getManager(), x.getShape(), x.getDataType()).muli(Math.sqrt(2 * e));
        return new Step(noise.addi(mean), mean);
    }

    @Override
    public String toString() {
        return "annealed-langevin(step-ratio=" + stepRatio + ")";
    }
}
