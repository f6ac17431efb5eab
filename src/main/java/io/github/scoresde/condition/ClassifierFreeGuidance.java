package io.github.scoresde.condition;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Scopes;

/**
 * Classifier-free guidance (SPEC §6; Ho & Salimans 2022): (1 + w) s(x, y) - w s(x) of a
 * conditional and an unconditional model of the same SDE, as a {@link ScoreModel}. w = 0 is the
 * conditional model itself. Every view (score, noise, denoiser) is the same affine combination of
 * the two models' views, since the SPEC §2 conversions are affine with weights summing to one, so
 * each model keeps its native view.
 *
 * <p>With exact scores it equals {@link ClassifierGuidance} at scale 1 + w, since
 * grad log p_t(y | x) = s(x, y) - s(x); for w > 0 neither samples a diffused distribution.
 */
public final class ClassifierFreeGuidance implements ScoreModel {
    private final ScoreModel conditional;
    private final ScoreModel unconditional;
    private final double scale;

    /**
     * @param conditional s(x, y): the model given the class (a conditional network with the label
     *     fixed, or for a mixture the score of the class's diffused Gaussian)
     * @param unconditional s(x), of the same SDE
     * @param scale the guidance scale w >= 0
     */
    public ClassifierFreeGuidance(ScoreModel conditional, ScoreModel unconditional, double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("guidance scale must be finite and >= 0, got " + scale);
        }
        if (!conditional.sde().equals(unconditional.sde())) {
            throw new IllegalArgumentException("conditional and unconditional models must share one SDE, got "
                    + conditional.sde() + " and " + unconditional.sde());
        }
        this.conditional = conditional;
        this.unconditional = unconditional;
        this.scale = scale;
    }

    @Override
    public Sde sde() {
        return conditional.sde();
    }

    @Override
    public NDArray score(NDArray x, NDArray t) {
        return combined(x, t, ScoreModel::score);
    }

    @Override
    public NDArray noise(NDArray x, NDArray t) {
        return combined(x, t, ScoreModel::noise);
    }

    @Override
    public NDArray denoise(NDArray x, NDArray t) {
        return combined(x, t, ScoreModel::denoise);
    }

    private interface View {
        NDArray of(ScoreModel model, NDArray x, NDArray t);
    }

    /** (1 + w) view(conditional) - w view(unconditional), owned by x's manager. */
    private NDArray combined(NDArray x, NDArray t, View view) {
        if (scale == 0) {
            return view.of(conditional, x, t);
        }
        return Scopes.one(x.getManager(), new NDList(x, t), scope ->
                view.of(conditional, x, t).mul(1 + scale).sub(view.of(unconditional, x, t).mul(scale)));
    }

    @Override
    public String toString() {
        return "classifier-free-guidance(w = " + scale + ")";
    }
}
