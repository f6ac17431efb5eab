package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.sde.DdpmDiscretization;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/**
 * The discrete DDPM loss L_simple (Ho et al. 2020, eq. 14): i uniform in 1..N, alphabar_i from
 * the VP SDE's DDPM discretisation, x_i = sqrt(alphabar_i) x0 + sqrt(1 - alphabar_i) eps, loss
 * ||eps - eps_theta(x_i, t_i)||^2. With eps_theta = -s score this equals ||s score + z||^2 at
 * the level, so it is computed like {@link SmldObjective}, over the levels
 * sigma_i = sqrt((1 - alphabar_i) / alphabar_i). Only the VP SDE has these levels.
 */
public final class DdpmObjective implements Objective {
    private final DiscreteLevels levels;

    /** @param levels number of steps N (>= 1; Ho et al. use 1000) */
    public DdpmObjective(int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("need levels >= 1, got " + levels);
        }
        this.levels = new DiscreteLevels(sde -> sigmas(sde, levels));
    }

    private static double[] sigmas(Sde sde, int n) {
        if (!(sde.discretize(n) instanceof DdpmDiscretization ddpm)) {
            throw new IllegalArgumentException("the DDPM loss needs the DDPM betas of the VP SDE, not " + sde.name());
        }
        double[] sigmas = new double[n];
        double alphaBar = 1;
        for (int i = 0; i < n; i++) {
            alphaBar *= 1 - ddpm.beta(i);
            sigmas[i] = Math.sqrt((1 - alphaBar) / alphaBar);
        }
        return sigmas;
    }

    /** The times t_i of the levels; IllegalArgumentException unless {@code sde} is VP. */
    double[] times(Sde sde) {
        return levels.times(sde);
    }

    @Override
    public NDArray loss(NetworkScoreModel model, NDArray x0, Rng rng) {
        return levels.loss(model, x0, rng);
    }
}
