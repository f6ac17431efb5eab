package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.tensor.Scopes;
import io.github.scoresde.tensor.Shapes;

/**
 * Spherical linear interpolation of latents (Shoemake 1985), the path used to interpolate
 * between encodings in Song et al. 2021 (Fig. 3): with cos theta = z0 . z1 / (|z0| |z1|),
 * <pre>slerp(z0, z1; u) = sin((1 - u) theta) / sin theta z0 + sin(u theta) / sin theta z1.</pre>
 * Unlike the straight line, it keeps the norm of Gaussian latents near the typical radius
 * sqrt(D), where the decoder sees latents like those it was trained on.
 */
public final class Slerp {
    /** Below this angle the two latents are treated as parallel and interpolated linearly. */
    private static final double PARALLEL = 1e-6;

    private Slerp() {}

    /**
     * Interpolates each pair of latents (z0_b, z1_b) at the fraction {@code u}: u = 0 gives z0,
     * u = 1 gives z1.
     *
     * @param z0 latents [B, ...]
     * @param z1 latents shaped like z0
     * @param u the fraction, in [0, 1]
     * @return the interpolated latents, owned by z0's manager
     */
    public static NDArray interpolate(NDArray z0, NDArray z1, double u) {
        if (!(u >= 0 && u <= 1)) {
            throw new IllegalArgumentException("interpolation fraction must be in [0, 1], got " + u);
        }
        if (!z0.getShape().equals(z1.getShape())) {
            throw new IllegalArgumentException("latents must have the same shape, got " + z0.getShape() + " and " + z1.getShape());
        }
        return Scopes.one(z0.getManager(), new NDList(z0, z1), scope -> {
            double[] dots = z0.mul(z1).reshape(z0.getShape().get(0), -1).sum(new int[] {1}).toType(DataType.FLOAT64, false).toDoubleArray();
            double[] n0 = norms(z0);
            double[] n1 = norms(z1);
            double[] w0 = new double[dots.length];
            double[] w1 = new double[dots.length];
            for (int b = 0; b < dots.length; b++) {
                double cos = Math.max(-1, Math.min(1, dots[b] / (n0[b] * n1[b])));
                double theta = Math.acos(cos);
                if (theta < PARALLEL || !Double.isFinite(theta)) {
                    w0[b] = 1 - u;
                    w1[b] = u;
                } else {
                    w0[b] = Math.sin((1 - u) * theta) / Math.sin(theta);
                    w1[b] = Math.sin(u * theta) / Math.sin(theta);
                }
            }
            return z0.mul(perSample(scope, w0, z0)).add(z1.mul(perSample(scope, w1, z0)));
        });
    }

    private static double[] norms(NDArray z) {
        NDArray squares = Shapes.squaredNorms(z).toType(DataType.FLOAT64, false);
        double[] out = squares.toDoubleArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.sqrt(out[i]);
        }
        return out;
    }

    private static NDArray perSample(NDManager scope, double[] weights, NDArray like) {
        return Shapes.perSample(scope.create(weights).toType(like.getDataType(), false), like);
    }
}
