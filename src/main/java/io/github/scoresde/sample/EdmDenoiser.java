package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Sde;

/**
 * The denoiser in the EDM variable x~ = x / a(t) of any SDE (SPEC §2; Karras et al. 2022,
 * App. C.1): D(x~; sigma(t)) = E[x_0 | x_t = a(t) x~], the model's data view, which does not
 * depend on the scale.
 */
public final class EdmDenoiser {
    private final ScoreModel model;

    public EdmDenoiser(ScoreModel model) {
        this.model = model;
    }

    /** D at time t for x~ [B, ...]; owned by x~'s manager. */
    public NDArray at(NDArray xTilde, double t) {
        Sde sde = model.sde();
        try (NDArray x = xTilde.mul(sde.a(t))) {
            return model.denoise(x, Times.like(x, t));
        }
    }

    /**
     * D at noise level {@code sigma}, evaluated at the time {@link Sde#timeOfSigma}(sigma);
     * {@code sigma} must not exceed sigma(T).
     */
    public NDArray atSigma(NDArray xTilde, double sigma) {
        return at(xTilde, model.sde().timeOfSigma(sigma));
    }

    /** The largest noise level the model knows, sigma(T). */
    public double sigmaMax() {
        Sde sde = model.sde();
        return sde.s(sde.tMax()) / sde.a(sde.tMax());
    }
}
