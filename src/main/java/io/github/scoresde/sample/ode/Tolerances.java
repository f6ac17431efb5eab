package io.github.scoresde.sample.ode;

/**
 * Settings of an adaptive solver such as {@link DormandPrince45}.
 *
 * <p>A step is accepted when the norm of {@code err_i / (atol + rtol * max(|x_i|, |xNew_i|))} is at
 * most 1 (Hairer, Nørsett and Wanner, "Solving ODEs I", section II.4).
 *
 * @param rtol relative tolerance, finite and {@code > 0}
 * @param atol absolute tolerance, finite and {@code > 0}
 * @param initialStep magnitude of the first step; {@code 0} selects it automatically with Hairer's
 *     starting-step heuristic (Solving ODEs I, II.4, "Starting step size"), which costs one extra
 *     evaluation
 * @param maxEvaluations the most vector-field evaluations one {@code solve} may make, {@code > 0}
 */
public record Tolerances(double rtol, double atol, double initialStep, int maxEvaluations) {

    /** The evaluation budget used by {@link #of(double, double)}. */
    public static final int DEFAULT_MAX_EVALUATIONS = 100_000;

    /** Validates the settings; messages name the offending field. */
    public Tolerances {
        positiveFinite("rtol", rtol);
        positiveFinite("atol", atol);
        if (!(initialStep >= 0) || Double.isInfinite(initialStep)) {
            throw new IllegalArgumentException(
                    "initialStep must be >= 0 and finite (0 = automatic), got " + fmt(initialStep));
        }
        if (maxEvaluations <= 0) {
            throw new IllegalArgumentException(
                    "maxEvaluations must be > 0, got " + maxEvaluations);
        }
    }

    /** Tolerances with an automatic first step and {@link #DEFAULT_MAX_EVALUATIONS}. */
    public static Tolerances of(double rtol, double atol) {
        return new Tolerances(rtol, atol, 0, DEFAULT_MAX_EVALUATIONS);
    }

    private static void positiveFinite(String name, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + fmt(v));
        }
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + fmt(v));
        }
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
