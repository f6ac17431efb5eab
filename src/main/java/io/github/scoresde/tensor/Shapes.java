package io.github.scoresde.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.DoubleUnaryOperator;

/** Shape helpers that work for any batch layout: [B, D], [B, C, H, W], ... */
public final class Shapes {
    private Shapes() {}

    /**
     * Reshapes a per-sample vector [B] so that it broadcasts against {@code like} [B, ...]:
     * the result has shape [B, 1, ..., 1]. Owned by {@code perSample}'s manager.
     */
    public static NDArray perSample(NDArray perSample, NDArray like) {
        long[] dims = new long[like.getShape().dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = perSample.getShape().get(0);
        return perSample.reshape(new Shape(dims));
    }

    /**
     * Applies a scalar function to every element of a small array on the Java side; the result
     * has {@code x}'s shape and type and is owned by {@code x}'s manager. Meant for per-sample
     * times [B], where the coefficient functions of an SDE are plain Java. Runs of equal values
     * (a sampler's shared time) cost one evaluation.
     */
    public static NDArray map(NDArray x, DoubleUnaryOperator fn) {
        if (x.getDataType() == DataType.FLOAT32) {
            float[] values = x.toFloatArray();
            float lastIn = Float.NaN;
            float lastOut = Float.NaN;
            for (int i = 0; i < values.length; i++) {
                if (values[i] != lastIn) {
                    lastIn = values[i];
                    lastOut = (float) fn.applyAsDouble(lastIn);
                }
                values[i] = lastOut;
            }
            return owned(x.getManager().create(values, x.getShape()));
        }
        double[] values = x.toType(DataType.FLOAT64, false).toDoubleArray();
        double lastIn = Double.NaN;
        double lastOut = Double.NaN;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != lastIn) {
                lastIn = values[i];
                lastOut = fn.applyAsDouble(lastIn);
            }
            values[i] = lastOut;
        }
        return owned(x.getManager().create(values, x.getShape()).toType(x.getDataType(), false));
    }

    /**
     * A copy of {@code blob} in memory that libtorch owns, closing {@code blob}. Arrays made from
     * Java values ({@code NDManager.create(float[])} and friends) only borrow a Java buffer, which
     * is freed once their Java array is closed; an autograd graph or a view that outlives that
     * array would then read freed memory. Owned copies are safe to keep anywhere.
     */
    public static NDArray owned(NDArray blob) {
        NDArray copy = blob.duplicate();
        blob.close();
        return copy;
    }

    /**
     * {@code x * c} for a constant c, safe inside a gradient collector. DJL's {@code mul(Number)}
     * wraps c in a borrowed-memory scalar and closes it at once, while the autograd graph keeps
     * the scalar for the backward pass: after a garbage collection the gradient reads freed memory
     * (NaN or silently wrong values; see GradientMemoryTest). Here the scalar is owned by libtorch.
     */
    public static NDArray scale(NDArray x, double c) {
        try (NDArray factor = owned(x.getManager().create(c).toType(x.getDataType(), false))) {
            return x.mul(factor);
        }
    }

    /** Per-sample squared L2 norms [B] over all non-batch dimensions. */
    public static NDArray squaredNorms(NDArray x) {
        return x.reshape(x.getShape().get(0), -1).square().sum(new int[] {1});
    }

    /** The rows of a [B, D] array as Java points (a copy, in double precision). */
    public static double[][] rows(NDArray x) {
        int b = Math.toIntExact(x.getShape().get(0));
        int d = Math.toIntExact(x.getShape().get(1));
        double[] flat = x.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] out = new double[b][d];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }

    /** Java points as a float64 [B, D] array owned by {@code manager}; the inverse of {@link #rows}. */
    public static NDArray fromRows(NDManager manager, double[][] rows) {
        int d = rows[0].length;
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return manager.create(flat, new Shape(rows.length, d));
    }

    /**
     * Copies {@code source}'s values into {@code target}'s own storage (same shape; target
     * finite). DJL's {@code set}/{@code copyTo} instead re-point the tensor at a Java direct
     * buffer with no owner on the native side, which is unsafe for long-lived arrays such as
     * parameters that autograd keeps references to.
     */
    public static void copyInto(NDArray source, NDArray target) {
        target.muli(0).addi(source);
    }

    /** Copies Java values into {@code target}'s own storage (see {@link #copyInto}). */
    public static void copyInto(float[] values, NDArray target) {
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            copyInto(source, target);
        }
    }
}
