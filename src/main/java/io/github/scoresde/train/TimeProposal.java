package io.github.scoresde.train;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A density p(t) proportional to a positive weight w(t) on [eps, T], sampled by its inverse CDF
 * (importance sampling of t, Song, Durkan, Murray and Ermon 2021, sec. 5). Works for any weight:
 * the cumulative integral is tabulated on a grid uniform in ln t (weights like g^2 / s^2 grow as
 * 1 / t near 0 for VP and EDM, and are flat in ln t there) and inverted by interpolation in ln t.
 */
final class TimeProposal {
    /** Grid intervals; the trapezoid rule's relative error is then ~1e-6 for the SDEs here. */
    private static final int INTERVALS = 4096;

    private final double logEps;
    private final double step;
    private final double[] cumulative;
    private final double meanWeight;

    /**
     * @param weight w(t) > 0
     * @param eps lower end (> 0)
     * @param tMax upper end T (> eps)
     */
    TimeProposal(DoubleUnaryOperator weight, double eps, double tMax) {
        if (!(eps > 0) || !(tMax > eps)) {
            throw new IllegalArgumentException("need 0 < eps < T, got " + eps + " and " + tMax);
        }
        logEps = Math.log(eps);
        step = (Math.log(tMax) - logEps) / INTERVALS;
        cumulative = new double[INTERVALS + 1];
        // dt = t du with u = ln t: integrate w(t) t in u by the trapezoid rule.
        double previous = weightInLog(weight, logEps);
        for (int k = 1; k <= INTERVALS; k++) {
            double next = weightInLog(weight, logEps + k * step);
            cumulative[k] = cumulative[k - 1] + 0.5 * step * (previous + next);
            previous = next;
        }
        meanWeight = cumulative[INTERVALS] / (tMax - eps);
    }

    private static double weightInLog(DoubleUnaryOperator weight, double u) {
        double t = Math.exp(u);
        double w = weight.applyAsDouble(t) * t;
        if (!(w > 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("the proposal's weight must be finite and > 0, got " + w / t + " at t = " + t);
        }
        return w;
    }

    /** The time whose CDF is {@code u} in [0, 1]. */
    double inverse(double u) {
        double target = u * cumulative[INTERVALS];
        int k = Arrays.binarySearch(cumulative, target);
        if (k >= 0) {
            return Math.exp(logEps + k * step);
        }
        int hi = Math.min(-k - 1, INTERVALS);
        int lo = hi - 1;
        double frac = (target - cumulative[lo]) / (cumulative[hi] - cumulative[lo]);
        return Math.exp(logEps + (lo + frac) * step);
    }

    /**
     * The mean of w under t ~ U(eps, T): an estimate E_U[w(t) L(t)] becomes E_p[meanWeight L(t)],
     * so every importance-sampled term carries this same weight.
     */
    double meanWeight() {
        return meanWeight;
    }
}
