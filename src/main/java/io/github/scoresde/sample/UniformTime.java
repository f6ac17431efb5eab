package io.github.scoresde.sample;

import io.github.scoresde.sde.Sde;

/**
 * N times uniform in t from T down to eps, t_k = linspace(T, eps, N), the grid of the reference
 * SDE samplers (SPEC §1). With N = 1 the grid is the single time T.
 *
 * @param steps number of grid points N (>= 1)
 * @param eps end time, or NaN for the SDE's default {@link Sde#eps()}
 */
public record UniformTime(int steps, double eps) implements Schedule {
    /** Validates steps >= 1 and eps (unless NaN) > 0. */
    public UniformTime {
        NoiseLevels.checkGrid(steps, eps);
    }

    /** N steps ending at the SDE's default eps. */
    public UniformTime(int steps) {
        this(steps, Double.NaN);
    }

    @Override
    public double[] times(Sde sde) {
        double end = NoiseLevels.end(sde, eps);
        double[] t = new double[steps];
        for (int k = 0; k < steps; k++) {
            t[k] = steps == 1 ? sde.tMax() : sde.tMax() + (end - sde.tMax()) * k / (steps - 1);
        }
        return t;
    }
}
