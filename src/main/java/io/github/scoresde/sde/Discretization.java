package io.github.scoresde.sde;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The discrete Markov chain with N steps whose limit is an SDE (SPEC §1): NCSN sigmas for VE,
 * DDPM betas for VP, and the Euler step of the SDE otherwise.
 *
 * <p>Methods take a continuous time t and use the discrete index i = floor(t (N - 1) / T), as the
 * reference implementation does.
 */
public interface Discretization {
    /** Number of steps N. */
    int steps();

    /** The forward step x_i = x_{i-1} + F_i x_{i-1} + G_i z at time t, used by reverse diffusion. */
    ForwardStep forwardStep(double t);

    /**
     * Langevin's alpha_i = (a_i / a_{i-1})^2: 1 for VE, 1 - beta_i for DDPM, the same ratio of the
     * continuous a(t) over one step otherwise.
     */
    double langevinAlpha(double t);

    /** The ancestral (posterior) sampling rule at t, where the chain defines one (VE and VP). */
    Optional<AncestralStep> ancestral(double t);

    /**
     * The noise level sigma_i at t, where the chain is a sequence of noise levels (NCSN, i.e. VE);
     * annealed Langevin dynamics runs over these.
     */
    default OptionalDouble noiseLevel(double t) {
        return OptionalDouble.empty();
    }

    /** One forward step: F_i(x) = drift * x and noise scale G_i = diffusion. */
    record ForwardStep(double drift, double diffusion) {}

    /**
     * One ancestral step: x_mean = meanScale * (x + scoreScale * score), x = x_mean + noiseStd * z.
     */
    record AncestralStep(double meanScale, double scoreScale, double noiseStd) {}

    /** The discrete index i = floor(t (N - 1) / T), clamped to [0, N - 1]. */
    static int index(double t, double tMax, int steps) {
        int i = (int) Math.floor(t * (steps - 1) / tMax);
        return Math.max(0, Math.min(steps - 1, i));
    }
}
