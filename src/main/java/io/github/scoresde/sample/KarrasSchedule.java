package io.github.scoresde.sample;

import io.github.scoresde.sde.Sde;

/**
 * The noise levels of Karras et al. 2022 (EDM, eq. 5), mapped to times of any SDE:
 * sigma_i = (sigma_max^(1/rho) + i/(N-1) (sigma_min^(1/rho) - sigma_max^(1/rho)))^rho with
 * sigma_max = sigma(T), sigma_min = sigma(eps) and sigma(t) = s(t)/a(t) (SPEC §2, §4), then
 * t_i = {@link Sde#timeOfSigma}(sigma_i). rho = 7 spends most steps at low noise.
 *
 * @param steps number of grid points N (>= 1)
 * @param rho the exponent (> 0; 7 in EDM)
 * @param eps end time, or NaN for the SDE's default {@link Sde#eps()}
 */
public record KarrasSchedule(int steps, double rho, double eps) implements Schedule {
    /** EDM's exponent. */
    public static final double RHO = 7;

    /** Validates steps >= 1, rho > 0 and eps (unless NaN) > 0. */
    public KarrasSchedule {
        NoiseLevels.checkGrid(steps, eps);
        if (!(rho > 0) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("rho must be > 0, got " + rho);
        }
    }

    /** N steps with rho = 7 ending at the SDE's default eps. */
    public KarrasSchedule(int steps) {
        this(steps, RHO, Double.NaN);
    }

    @Override
    public double[] times(Sde sde) {
        return NoiseLevels.times(sde, steps, NoiseLevels.end(sde, eps), (hi, lo, f) -> {
            double a = Math.pow(hi, 1 / rho);
            return Math.pow(a + f * (Math.pow(lo, 1 / rho) - a), rho);
        });
    }
}
