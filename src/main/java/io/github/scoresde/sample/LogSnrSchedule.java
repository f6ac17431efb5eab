package io.github.scoresde.sample;

import io.github.scoresde.sde.Sde;

/**
 * N times uniform in the log signal-to-noise ratio lambda = ln(a/s) = -ln sigma (the grid of
 * DPM-Solver, Lu et al. 2022), i.e. geometric noise levels from sigma(T) to sigma(eps), mapped to
 * times through {@link Sde#timeOfSigma}. With N = 1 the grid is T.
 *
 * @param steps number of grid points N (>= 1)
 * @param eps end time, or NaN for the SDE's default {@link Sde#eps()}
 */
public record LogSnrSchedule(int steps, double eps) implements Schedule {
    /** Validates steps >= 1 and eps (unless NaN) > 0. */
    public LogSnrSchedule {
        NoiseLevels.checkGrid(steps, eps);
    }

    /** N steps ending at the SDE's default eps. */
    public LogSnrSchedule(int steps) {
        this(steps, Double.NaN);
    }

    @Override
    public double[] times(Sde sde) {
        return NoiseLevels.times(sde, steps, NoiseLevels.end(sde, eps), (hi, lo, f) -> hi * Math.pow(lo / hi, f));
    }
}
