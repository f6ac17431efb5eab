package io.github.scoresde.sample;

import io.github.scoresde.sde.Sde;

/** Shared parts of the time grids: the end time, and grids defined by EDM noise levels. */
final class NoiseLevels {
    private NoiseLevels() {}

    /** Validates a grid's size N >= 1 and end time eps > 0 (NaN: the SDE's default). */
    static void checkGrid(int steps, double eps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (!Double.isNaN(eps) && !(eps > 0)) {
            throw new IllegalArgumentException("eps must be > 0, got " + eps);
        }
    }

    /** The end time: {@code eps}, or the SDE's default when NaN; must lie below T. */
    static double end(Sde sde, double eps) {
        double end = Double.isNaN(eps) ? sde.eps() : eps;
        if (!(end < sde.tMax())) {
            throw new IllegalArgumentException("eps must be below T = " + sde.tMax() + ", got " + end);
        }
        return end;
    }

    /** The EDM-form noise level sigma(t) = s(t) / a(t) (SPEC §2). */
    static double sigma(Sde sde, double t) {
        return sde.s(t) / sde.a(t);
    }

    /**
     * Times of {@code steps} noise levels sigma_0 = sigma(T) > ... > sigma_{N-1} = sigma(end), the
     * i-th given by {@code level} from the fraction i / (N - 1); the endpoints are T and end
     * exactly (no round trip through {@link Sde#timeOfSigma}). With N = 1 the grid is T.
     */
    static double[] times(Sde sde, int steps, double end, Interpolation level) {
        double hi = sigma(sde, sde.tMax());
        double lo = sigma(sde, end);
        double[] t = new double[steps];
        t[0] = sde.tMax();
        for (int i = 1; i < steps; i++) {
            t[i] = i == steps - 1 ? end : sde.timeOfSigma(level.at(hi, lo, (double) i / (steps - 1)));
        }
        return t;
    }

    /** A noise level between sigma_hi (fraction 0) and sigma_lo (fraction 1). */
    @FunctionalInterface
    interface Interpolation {
        double at(double hi, double lo, double fraction);
    }
}
