package io.github.scoresde.sde;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Scopes;
import io.github.scoresde.tensor.Shapes;

/** The isotropic Gaussian prior N(0, std^2 I) that reverse-time sampling starts from. */
public record Prior(double std) {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** Validates the standard deviation. */
    public Prior {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("prior std must be positive and finite, got " + std);
        }
    }

    /** Draws samples of the given shape [B, ...], owned by {@code manager}. */
    public NDArray sample(NDManager manager, Shape shape, DataType type, Rng rng) {
        NDArray z = rng.normal(manager, shape, type);
        return std == 1 ? z : z.muli(std);
    }

    /** Log density per sample [B] of x [B, ...]; owned by x's manager. */
    public NDArray logDensity(NDArray x) {
        long d = x.getShape().size() / x.getShape().get(0);
        return Scopes.one(x.getManager(), new NDList(x), s ->
                Shapes.squaredNorms(x)
                        .mul(-0.5 / (std * std))
                        .sub(0.5 * d * (LOG_2PI + 2 * Math.log(std))));
    }
}
