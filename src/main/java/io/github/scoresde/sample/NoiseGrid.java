package io.github.scoresde.sample;

import io.github.scoresde.sde.Sde;

/**
 * A schedule's times with their EDM-form noise levels sigma = s/a and scales a (SPEC §2), the
 * points that {@link EdmSampler} steps between; with {@code toZero} a last point sigma = 0 (the
 * data, a = 1) follows, as sigma_N = 0 in Karras et al. 2022, Alg. 1.
 *
 * @param t times, decreasing
 * @param sigma noise levels sigma(t), decreasing
 * @param a scales a(t)
 * @param levels number of schedule times N (the N of EDM's S_churn / N)
 */
public record NoiseGrid(double[] t, double[] sigma, double[] a, int levels) {
    /** The grid of {@code times} under {@code sde}. */
    public static NoiseGrid of(Sde sde, double[] times, boolean toZero) {
        int n = times.length + (toZero ? 1 : 0);
        double[] t = new double[n];
        double[] sigma = new double[n];
        double[] a = new double[n];
        for (int i = 0; i < times.length; i++) {
            t[i] = times[i];
            a[i] = sde.a(times[i]);
            sigma[i] = sde.s(times[i]) / a[i];
        }
        if (toZero) {
            a[n - 1] = 1;
        }
        return new NoiseGrid(t, sigma, a, times.length);
    }

    /** Number of steps between points. */
    public int steps() {
        return t.length - 1;
    }
}
