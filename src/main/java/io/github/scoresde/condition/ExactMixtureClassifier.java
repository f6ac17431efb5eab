package io.github.scoresde.condition;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Scopes;

/**
 * The exact noisy classifier of a Gaussian mixture whose components are the classes: the
 * responsibility p_t(k | x) = pi_k N_k,t(x) / p_t(x) under the diffused mixture (SPEC §8). Its
 * gradient is exact too, grad log p_t(k | x) = grad log N_k,t(x) - grad log p_t(x): the score of
 * component k's diffused Gaussian minus the mixture's score, so that guidance at w = 1 turns the
 * mixture's score into component k's exactly. Owns its tensors; close it when done.
 */
public final class ExactMixtureClassifier implements NoisyClassifier, AutoCloseable {
    private final GaussianMixture mixture;
    private final ExactMixtureModel whole;
    private final ExactMixtureModel[] components;

    /** The classifier of {@code mixture}'s components under {@code sde}; tensors in sub-managers of {@code parent}. */
    public ExactMixtureClassifier(GaussianMixture mixture, Sde sde, NDManager parent) {
        this.mixture = mixture;
        this.whole = new ExactMixtureModel(mixture, sde, parent);
        this.components = new ExactMixtureModel[mixture.components()];
        for (int k = 0; k < components.length; k++) {
            components[k] = new ExactMixtureModel(mixture.component(k), sde, parent);
        }
    }

    @Override
    public int classes() {
        return components.length;
    }

    /** The exact score of class {@code label}'s diffused Gaussian: s(x, y) of classifier-free guidance. */
    public ExactMixtureModel classModel(int label) {
        return components[check(label)];
    }

    /** The exact score of the whole mixture: the unconditional s(x). */
    public ExactMixtureModel unconditional() {
        return whole;
    }

    /** log pi_y + log N_y,t(x) - log p_t(x), stable where the responsibility underflows. */
    @Override
    public NDArray logProbability(NDArray x, NDArray t, int label) {
        double logWeight = Math.log(mixture.weight(check(label)));
        return Scopes.one(x.getManager(), new NDList(x, t), scope ->
                components[label].logDensity(x, t).sub(whole.logDensity(x, t)).add(logWeight));
    }

    @Override
    public NDArray gradient(NDArray x, NDArray t, int label) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope ->
                components[check(label)].score(x, t).sub(whole.score(x, t)));
    }

    private int check(int label) {
        if (label < 0 || label >= components.length) {
            throw new IllegalArgumentException("label must be in [0, " + components.length + "), got " + label);
        }
        return label;
    }

    @Override
    public void close() {
        whole.close();
        for (ExactMixtureModel m : components) {
            m.close();
        }
    }
}
