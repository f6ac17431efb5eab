package io.github.scoresde.condition.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.tensor.Rng;

/**
 * Measurements y = H x0 + sigma_y n of a batch, n ~ N(0, I): the data of a linear inverse
 * problem.
 *
 * @param operator H
 * @param y one row of m values per sample, or a single row shared by the whole batch
 * @param sigmaY the standard deviation of the measurement noise (0: exact measurements)
 */
public record Measured(LinearMeasurement operator, double[][] y, double sigmaY) {
    /** The smallest singular value, relative to the largest, that {@link #trusted} keeps. */
    public static final double CONDITION_CUT = 1e-3;
    /** The largest noise sigma_y / s_i of a measured coordinate that {@link #trusted} keeps (data units). */
    public static final double MAX_COMPONENT_NOISE = 0.1;

    /** Validates the row widths and sigma_y >= 0. */
    public Measured {
        if (!(sigmaY >= 0)) {
            throw new IllegalArgumentException("the measurement noise must be >= 0, got " + sigmaY);
        }
        for (double[] row : y) {
            if (row.length != operator.measurements()) {
                throw new IllegalArgumentException("each measurement needs " + operator.measurements() + " values, got "
                        + row.length);
            }
        }
    }

    /** Measures the clean batch {@code x0} [B, ...] with noise of standard deviation sigma_y drawn from rng. */
    public static Measured of(LinearMeasurement operator, NDArray x0, double sigmaY, Rng rng) {
        try (NDManager scope = x0.getManager().newSubManager()) {
            NDArray y = operator.measure(x0.toType(DataType.FLOAT64, false));
            y.attach(scope);
            if (sigmaY > 0) {
                y.addi(rng.normal(scope, y.getShape(), DataType.FLOAT64).muli(sigmaY));
            }
            double[] flat = y.toDoubleArray();
            int m = operator.measurements();
            double[][] rows = new double[flat.length / m][m];
            for (int b = 0; b < rows.length; b++) {
                System.arraycopy(flat, b * m, rows[b], 0, m);
            }
            return new Measured(operator, rows, sigmaY);
        }
    }

    /**
     * 1 for each spectral component whose measurement can be trusted, 0 otherwise: a component
     * is kept when its singular value is at least {@link #CONDITION_CUT} of the largest and the
     * noise of its measured coordinate, sigma_y / s_i, is at most {@link #MAX_COMPONENT_NOISE}.
     * Methods that project onto y (ILVR, CCDF) would otherwise amplify noise and round-off by
     * 1 / s_i in the ill-conditioned directions of a blur.
     */
    public double[] trusted() {
        double[] s = operator.singularValues();
        double[] keep = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            keep[i] = s[i] >= CONDITION_CUT * s[0] && sigmaY / s[i] <= MAX_COMPONENT_NOISE ? 1 : 0;
        }
        return keep;
    }

    /**
     * The truncated pseudo-inverse V diag({@link #trusted}) Sigma^-1 U^T y: H^+ y without the
     * components that would only carry amplified noise; [rows, ...] like {@code like}.
     */
    public NDArray estimate(NDArray like) {
        try (NDArray y = y(like); NDArray spectral = operator.spectralMeasurement(y); NDArray keep = vector(like, trusted())) {
            return operator.fromSpectral(spectral.mul(keep));
        }
    }

    /** {@code values} as a vector of {@code like}'s type in its manager. */
    static NDArray vector(NDArray like, double[] values) {
        NDArray v = like.getManager().create(values);
        return like.getDataType() == DataType.FLOAT64 ? v : swap(v, like.getDataType());
    }

    /** y as an array [rows, m] of {@code like}'s type in {@code like}'s manager. */
    public NDArray y(NDArray like) {
        double[] flat = new double[y.length * operator.measurements()];
        for (int b = 0; b < y.length; b++) {
            System.arraycopy(y[b], 0, flat, b * y[b].length, y[b].length);
        }
        NDArray out = like.getManager().create(flat, new Shape(y.length, operator.measurements()));
        return like.getDataType() == DataType.FLOAT64 ? out : swap(out, like.getDataType());
    }

    private static NDArray swap(NDArray out, DataType type) {
        try (out) {
            return out.toType(type, true);
        }
    }
}
