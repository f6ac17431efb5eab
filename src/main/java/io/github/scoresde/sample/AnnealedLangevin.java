package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.UserInputException;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Discretization;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/**
 * The corrector of annealed Langevin dynamics (Song and Ermon 2019, Algorithm 1): at each noise
 * level sigma_i of an NCSN chain, x = x + e score + sqrt(2 e) z with e = stepRatio * sigma_i^2.
 *
 * <p>NCSN writes the step as epsilon sigma_i^2 / sigma_L^2; with its epsilon = 2e-5 and
 * sigma_L = 0.01 that is stepRatio = epsilon / sigma_L^2 = 0.2, a setting that does not depend on
 * the data's scale. Defined for chains of noise levels (VE) only: on the VP and sub-VP time grids
 * the same rule freezes the chain too early (within-mode variance 12% too large on the
 * 8-Gaussian mixture at N = 1000), where the {@link Langevin} snr rule works.
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
        double sigma = chain.noiseLevel(t).orElseThrow(() -> unsupported(model.sde()));
        double e = stepRatio * sigma * sigma;
        NDArray mean = model.score(x, Times.like(x, t)).muli(e).addi(x);
        NDArray noise = rng.normal(x.getManager(), x.getShape(), x.getDataType()).muli(Math.sqrt(2 * e));
        return new Step(noise.addi(mean), mean);
    }

    @Override
    public void checkSupports(Sde sde) {
        if (sde.discretize(1).noiseLevel(sde.tMax()).isEmpty()) {
            throw unsupported(sde);
        }
    }

    private static UserInputException unsupported(Sde sde) {
        return new UserInputException("annealed Langevin dynamics runs over NCSN noise levels, i.e. the ve SDE only, not '"
                + sde.name() + "': use --sampler langevin (the snr rule) or pc");
    }

    @Override
    public String toString() {
        return "annealed-langevin(step-ratio=" + stepRatio + ")";
    }
}
