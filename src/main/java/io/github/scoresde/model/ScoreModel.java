package io.github.scoresde.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Scopes;
import io.github.scoresde.tensor.Shapes;

/**
 * A model of the scores grad_x log p_t(x) of the marginals of one SDE, with the equivalent noise
 * and data (denoiser) readings of SPEC §2. Implementations override the view they compute
 * natively; the defaults convert exactly through a(t) and s(t).
 *
 * <p>All methods take x [B, ...] and per-sample times t [B] and return an array owned by x's
 * manager; they never modify their inputs.
 */
public interface ScoreModel {
    /** The SDE whose marginals this model scores. */
    Sde sde();

    /** The score grad_x log p_t(x), shaped like x. */
    NDArray score(NDArray x, NDArray t);

    /** The noise prediction e = -s(t) score. */
    default NDArray noise(NDArray x, NDArray t) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope ->
                score(x, t).mul(Shapes.perSample(sde().s(t).neg(), x)));
    }

    /** The denoiser D = E[x_0 | x_t] = (x + s(t)^2 score) / a(t) (Tweedie's formula). */
    default NDArray denoise(NDArray x, NDArray t) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> {
            NDArray s = sde().s(t);
            NDArray a = sde().a(t);
            return score(x, t).mul(Shapes.perSample(s.square(), x)).add(x).div(Shapes.perSample(a, x));
        });
    }
}
