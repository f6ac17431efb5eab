package io.github.scoresde.train;

import io.github.scoresde.sde.DdpmDiscretization;
import io.github.scoresde.sde.Sde;

/**
 * The discrete DDPM loss L_simple (Ho et al. 2020, eq. 14): i uniform in 1..N, alphabar_i from
 * the VP SDE's DDPM discretisation, x_i = sqrt(alphabar_i) x0 + sqrt(1 - alphabar_i) eps, loss
 * ||eps - eps_theta(x_i, t_i)||^2. With eps_theta = -s score this equals ||s score + z||^2 at
 * the level, so it is computed like {@link SmldObjective}, over the levels
 * sigma_i = sqrt((1 - alphabar_i) / alphabar_i). Only the VP SDE has these levels.
 */
public final class DdpmObjective extends DiscreteLevels {
    /** @param levels number of steps N (>= 1; Ho et al. use 1000) */
    public DdpmObjective(int levels) {
        super(levels);
    }

    @Override
    double[] sigmas(Sde sde) {
        if (!(sde.discretize(levels) instanceof DdpmDiscretization ddpm)) {
            throw new IllegalArgumentException("the DDPM loss needs the DDPM betas of the VP SDE, not " + sde.name());
        }
        double[] sigmas = new double[levels];
        double alphaBar = 1;
        for (int i = 0; i < levels; i++) {
            alphaBar *= 1 - ddpm.beta(i);
            sigmas[i] = Math.sqrt((1 - alphaBar) / alphaBar);
        }
        return sigmas;
    }
}
