package io.github.scoresde.condition;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Scopes;
import io.github.scoresde.tensor.Shapes;
import java.util.function.UnaryOperator;

/**
 * Classifier guidance (SPEC §6; Song et al. 2021, eq. 14; Dhariwal & Nichol 2021): the score
 * s(x, t) + w grad_x log p_t(y | x) of a base model and a noisy classifier, as a
 * {@link ScoreModel}, so every sampler runs it unchanged. w = 1 is Bayes' rule, the exact score
 * of p_t(x | y) when model and classifier are exact; w > 1 sharpens towards the class (no longer a
 * diffused distribution, so no sampler is exact there); w = 0 is the base model.
 *
 * <p>Each view adds the guidance term in its own units, so a base model keeps the view it computes
 * natively (a network's denoiser, which the EDM-form samplers call, stays free of the
 * (a D - x) / s^2 round trip): score + w g, noise - s w g, denoiser + (s^2 / a) w g, with
 * g = grad_x log p_t(y | x) (SPEC §2 conversions, which are affine in the score).
 */
public final class ClassifierGuidance implements ScoreModel {
    private final ScoreModel base;
    private final NoisyClassifier classifier;
    private final int label;
    private final double scale;

    /**
     * @param base the unconditional model
     * @param classifier p_t(y | x) under the base model's SDE
     * @param label the class y
     * @param scale the guidance scale w >= 0
     */
    public ClassifierGuidance(ScoreModel base, NoisyClassifier classifier, int label, double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("guidance scale must be finite and >= 0, got " + scale);
        }
        if (label < 0 || label >= classifier.classes()) {
            throw new IllegalArgumentException("label must be in [0, " + classifier.classes() + "), got " + label);
        }
        this.base = base;
        this.classifier = classifier;
        this.label = label;
        this.scale = scale;
    }

    @Override
    public Sde sde() {
        return base.sde();
    }

    @Override
    public NDArray score(NDArray x, NDArray t) {
        return guided(base.score(x, t), x, t, NDArray::onesLike);
    }

    @Override
    public NDArray noise(NDArray x, NDArray t) {
        return guided(base.noise(x, t), x, t, time -> sde().s(time).neg());
    }

    @Override
    public NDArray denoise(NDArray x, NDArray t) {
        return guided(base.denoise(x, t), x, t, time -> sde().s(time).square().div(sde().a(time)));
    }

    /** A view plus w c(t) g, with the view's per-sample factor c(t) [B]; owned by x's manager. */
    private NDArray guided(NDArray view, NDArray x, NDArray t, UnaryOperator<NDArray> factor) {
        if (scale == 0) {
            return view;
        }
        NDArray out = Scopes.one(x.getManager(), new NDList(x, t, view), scope -> {
            NDArray perSample = factor.apply(t).mul(scale).toType(x.getDataType(), false);
            return classifier.gradient(x, t, label).mul(Shapes.perSample(perSample, x)).add(view);
        });
        view.close();
        return out;
    }

    @Override
    public String toString() {
        return "classifier-guidance(class " + label + ", w = " + scale + ")";
    }
}
