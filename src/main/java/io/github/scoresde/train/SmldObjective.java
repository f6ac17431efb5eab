package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.sde.NcsnDiscretization;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/**
 * The discrete SMLD / NCSN loss (Song and Ermon 2019, eq. 5-6): i uniform over the N geometric
 * noise levels of the VE SDE's NCSN discretisation, x~ = x + sigma_i z, weight
 * lambda(sigma_i) = sigma_i^2, i.e. ||sigma_i s(x~, t_i) + z||^2 with t_i the level's time.
 * Only the VE SDE has these levels; other families are refused.
 */
public final class SmldObjective implements Objective {
    private final DiscreteLevels levels;

    /** @param levels number of noise levels N (>= 1; the reference uses 1000 for the SDE's chain) */
    public SmldObjective(int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("need levels >= 1, got " + levels);
        }
        this.levels = new DiscreteLevels(sde -> sigmas(sde, levels));
    }

    private static double[] sigmas(Sde sde, int n) {
        if (!(sde.discretize(n) instanceof NcsnDiscretization ncsn)) {
            throw new IllegalArgumentException("the SMLD loss needs the NCSN noise levels of the VE SDE, not " + sde.name());
        }
        double[] sigmas = new double[n];
        for (int i = 0; i < n; i++) {
            sigmas[i] = ncsn.sigma(i);
        }
        return sigmas;
    }

    /** The times t_i of the levels; IllegalArgumentException unless {@code sde} is VE. */
    double[] times(Sde sde) {
        return levels.times(sde);
    }

    @Override
    public NDArray loss(NetworkScoreModel model, NDArray x0, Rng rng) {
        return levels.loss(model, x0, rng);
    }
}
