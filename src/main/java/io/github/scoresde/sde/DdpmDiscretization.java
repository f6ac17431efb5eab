package io.github.scoresde.sde;

import java.util.Optional;

/**
 * DDPM betas (Ho et al. 2020): beta_i = bmin/N + i (bmax - bmin) / (N (N - 1)), i = 0..N-1, the
 * discrete form of {@link VpSde}.
 *
 * <p>The formula reaches beta >= 1 when N <= bmax, where the chain is undefined (sqrt(1 - beta) is
 * NaN and the reference code fails). There this class uses the exact one-step transitions of the
 * SDE on the grid t_i = (i + 1) / N instead, beta_i = 1 - alphabar(t_i) / alphabar(t_{i-1}), which
 * stay in (0, 1) and keep the product of the alphas equal to the continuous alphabar(1): coarse
 * chains degrade gracefully instead of exploding.
 */
public final class DdpmDiscretization implements Discretization {
    private final VpSde sde;
    private final double[] betas;

    /** The N-step chain of {@code sde}. */
    public DdpmDiscretization(VpSde sde, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.sde = sde;
        this.betas = new double[steps];
        boolean formulaValid = steps > 1 && sde.betaMax() < steps;
        for (int i = 0; i < steps; i++) {
            if (formulaValid) {
                betas[i] = sde.betaMin() / steps + i * (sde.betaMax() - sde.betaMin()) / ((double) steps * (steps - 1));
            } else {
                // 1 - alphabar(t_i) / alphabar(t_{i-1}) with alphabar(t) = a(t)^2.
                double ratio = sde.a((i + 1.0) / steps) / sde.a((double) i / steps);
                betas[i] = 1 - ratio * ratio;
            }
        }
    }

    @Override
    public int steps() {
        return betas.length;
    }

    /** beta_i for i in [0, N). */
    public double beta(int i) {
        return betas[i];
    }

    /** alphabar_i = prod_{j <= i} (1 - beta_j). */
    public double alphaBar(int i) {
        double p = 1;
        for (int j = 0; j <= i; j++) {
            p *= 1 - betas[j];
        }
        return p;
    }

    private int index(double t) {
        return Discretization.index(t, sde.tMax(), betas.length);
    }

    @Override
    public ForwardStep forwardStep(double t) {
        double beta = betas[index(t)];
        return new ForwardStep(Math.sqrt(1 - beta) - 1, Math.sqrt(beta));
    }

    @Override
    public double langevinAlpha(double t) {
        return 1 - betas[index(t)];
    }

    @Override
    public Optional<AncestralStep> ancestral(double t) {
        double beta = betas[index(t)];
        // Ho et al. 2020, Algorithm 2 with sigma_i^2 = beta_i and eps = -sqrt(1 - alphabar) score.
        return Optional.of(new AncestralStep(1 / Math.sqrt(1 - beta), beta, Math.sqrt(beta)));
    }
}
