package io.github.scoresde.condition;

import ai.djl.ndarray.NDArray;

/**
 * A time-dependent classifier p_t(y | x) of noisy states x_t of one SDE (SPEC §6): what
 * {@link ClassifierGuidance} adds to a score. The exact one of a Gaussian mixture is
 * {@link ExactMixtureClassifier}; a network trained with cross-entropy on x_t implements the
 * same two methods, its gradient by autograd.
 *
 * <p>Both methods take x [B, ...] and per-sample times t [B], return arrays owned by x's
 * manager and leave their inputs alone.
 */
public interface NoisyClassifier {
    /** Number of classes; labels are 0 .. classes() - 1. */
    int classes();

    /** log p_t(label | x) per sample [B]. */
    NDArray logProbability(NDArray x, NDArray t, int label);

    /** grad_x log p_t(label | x), shaped like x. */
    NDArray gradient(NDArray x, NDArray t, int label);
}
