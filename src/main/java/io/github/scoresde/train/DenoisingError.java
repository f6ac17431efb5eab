package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;

/** The weighted denoising error that the noise-level objectives share. */
final class DenoisingError {
    private DenoisingError() {}

    /**
     * w_i ||D(a_i x0_i + s_i z_i, t_i) - x0_i||^2 per sample, with fresh z ~ N(0, I).
     *
     * @param t per-sample times; {@code a}, {@code s}: a(t), s(t); {@code weight}: w_i
     * @return [B], owned by x0's manager
     */
    static NDArray of(NetworkScoreModel model, NDArray x0, double[] t, double[] a, double[] s, double[] weight, Rng rng) {
        NDManager m = x0.getManager();
        NDArray z = rng.normal(m, x0.getShape(), x0.getDataType());
        NDArray xt = x0.mul(perSample(m, a, x0)).addi(z.mul(perSample(m, s, x0)));
        NDArray error = model.denoise(xt, m.create(t).toType(x0.getDataType(), false), true)
                .sub(x0).square().reshape(new Shape(t.length, -1)).sum(new int[] {1});
        return error.mul(m.create(weight).toType(x0.getDataType(), false));
    }

    private static NDArray perSample(NDManager m, double[] values, NDArray like) {
        return Shapes.perSample(m.create(values).toType(like.getDataType(), false), like);
    }
}
