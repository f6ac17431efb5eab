package io.github.scoresde.train;

import io.github.scoresde.sde.NcsnDiscretization;
import io.github.scoresde.sde.Sde;

/**
 * The discrete SMLD / NCSN loss (Song and Ermon 2019, eq. 5-6): i uniform over the N geometric
 * noise levels of the VE SDE's NCSN discretisation, x~ = x + sigma_i z, weight
 * lambda(sigma_i) = sigma_i^2, i.e. ||sigma_i s(x~, t_i) + z||^2 with t_i the level's time.
 * Only the VE SDE has these levels; other families are refused.
 */
public final class SmldObjective extends DiscreteLevels {
    /** @param levels number of noise levels N (>= 1; the reference uses 1000 for the SDE's chain) */
    public SmldObjective(int levels) {
        super(levels);
    }

    @Override
    double[] sigmas(Sde sde) {
        if (!(sde.discretize(levels) instanceof NcsnDiscretization ncsn)) {
            throw new IllegalArgumentException("the SMLD loss needs the NCSN noise levels of the VE SDE, not " + sde.name());
        }
        double[] sigmas = new double[levels];
        for (int i = 0; i < levels; i++) {
            sigmas[i] = ncsn.sigma(i);
        }
        return sigmas;
    }
}
