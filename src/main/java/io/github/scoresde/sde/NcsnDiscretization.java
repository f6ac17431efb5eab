package io.github.scoresde.sde;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * NCSN / SMLD noise levels (Song and Ermon 2019): sigma_i geometric from sigma_min to sigma_max,
 * i = 0..N-1, with sigma_{-1} = 0. The discrete form of {@link VeSde}.
 */
public final class NcsnDiscretization implements Discretization {
    private final VeSde sde;
    private final double[] sigmas;

    /** The N-level chain of {@code sde}. */
    public NcsnDiscretization(VeSde sde, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.sde = sde;
        this.sigmas = new double[steps];
        double logMin = Math.log(sde.sigmaMin());
        double logMax = Math.log(sde.sigmaMax());
        for (int i = 0; i < steps; i++) {
            double frac = steps == 1 ? 1 : (double) i / (steps - 1);
            sigmas[i] = Math.exp(logMin + frac * (logMax - logMin));
        }
    }

    @Override
    public int steps() {
        return sigmas.length;
    }

    /** sigma_i, for i in [0, N); sigma_{-1} = 0. */
    public double sigma(int i) {
        return i < 0 ? 0 : sigmas[i];
    }

    private int index(double t) {
        return Discretization.index(t, sde.tMax(), sigmas.length);
    }

    @Override
    public ForwardStep forwardStep(double t) {
        int i = index(t);
        return new ForwardStep(0, Math.sqrt(sigma(i) * sigma(i) - sigma(i - 1) * sigma(i - 1)));
    }

    @Override
    public OptionalDouble noiseLevel(double t) {
        return OptionalDouble.of(sigma(index(t)));
    }

    @Override
    public double langevinAlpha(double t) {
        return 1;
    }

    @Override
    public Optional<AncestralStep> ancestral(double t) {
        int i = index(t);
        double s2 = sigma(i) * sigma(i);
        double prev2 = sigma(i - 1) * sigma(i - 1);
        // Song et al. 2021, eq. (47): posterior of the previous noise level given the current one.
        return Optional.of(new AncestralStep(1, s2 - prev2, Math.sqrt(prev2 * (s2 - prev2) / s2)));
    }
}
