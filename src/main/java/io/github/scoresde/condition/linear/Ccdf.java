package io.github.scoresde.condition.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.sample.Schedule;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/**
 * Come-Closer-Diffuse-Faster (Chung, Sim & Ye 2022): instead of starting at T from the prior,
 * forward-diffuse an initial estimate x^0 = H^+ y ({@link Measured#estimate}) to t0 < T, x_t0 = a(t0) x^0 + s(t0) z (their
 * eq. 8), and run the reverse process only over [eps, t0] with a data-consistency step after every
 * step ({@link Ilvr}). The contraction of the reverse process makes a short schedule enough; the
 * result is approximate, closer to the estimate the smaller t0.
 */
public final class Ccdf {
    private Ccdf() {}

    /** x_t0 for the batch shape [B, ...], drawn from rng. */
    public static NDArray start(Measured measured, Sde sde, double t0, Shape batch, Rng rng, NDManager manager,
            DataType type) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray z = rng.normal(scope, batch, type);
            NDArray estimate = measured.estimate(z);
            NDArray out = z.mul(sde.s(t0)).add(estimate.mul(sde.a(t0)));
            out.attach(manager);
            return out;
        }
    }

    /**
     * N times uniform in t from t0 down to eps: CCDF's shortened reverse schedule.
     *
     * @param t0 the start time, in (0, T]
     * @param steps number of times N >= 2
     * @param eps end time, or NaN for the SDE's default
     */
    public record Window(double t0, int steps, double eps) implements Schedule {
        /** Validates t0 > 0 and steps >= 2. */
        public Window {
            if (!(t0 > 0)) {
                throw new IllegalArgumentException("CCDF's start time t0 must be positive, got " + t0);
            }
            if (steps < 2) {
                throw new IllegalArgumentException("CCDF needs at least 2 times, got " + steps);
            }
        }

        @Override
        public double[] times(Sde sde) {
            if (t0 > sde.tMax()) {
                throw new IllegalArgumentException("t0 = " + t0 + " is beyond the SDE's end time " + sde.tMax());
            }
            double end = Double.isNaN(eps) ? sde.eps() : eps;
            if (!(end < t0)) {
                throw new IllegalArgumentException("t0 = " + t0 + " must exceed the end time " + end);
            }
            double[] t = new double[steps];
            for (int k = 0; k < steps; k++) {
                t[k] = t0 + (end - t0) * k / (steps - 1);
            }
            return t;
        }
    }
}
