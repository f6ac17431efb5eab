package io.github.scoresde.sample.ode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * How an adaptive solver reduces the scaled local error {@code e_i / (atol + rtol * max(|x_i|,
 * |xNew_i|))} to one number. The reduction runs over all elements of the batch, so the whole batch
 * shares one step size (as scipy's {@code solve_ivp} does on the flattened batch).
 */
public enum ErrorNorm {
    /** Root mean square, {@code sqrt(mean(r_i^2))}: Hairer et al., Solving ODEs I, eq. II.4.11. */
    RMS,
    /** Maximum absolute value, {@code max |r_i|}: the strictest choice, one bad sample decides. */
    MAX;

    /** Reduces a scaled error array to a scalar; NaN when any element is NaN. */
    double reduce(NDArray scaled) {
        NDArray r = this == RMS ? scaled.square().mean() : scaled.abs().max();
        double v = r.toType(DataType.FLOAT64, false).getDouble();
        return this == RMS ? Math.sqrt(v) : v;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
