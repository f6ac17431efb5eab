package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.tensor.Rng;

/** A training objective: draws its own noise and times and returns the per-sample loss. */
public interface Objective {
    /**
     * The loss of each sample of a clean batch, differentiable in the model's parameters.
     *
     * @param model the model in training mode
     * @param x0 clean data [B, ...]
     * @param rng the step's random source
     * @return [B], owned by x0's manager
     */
    NDArray loss(NetworkScoreModel model, NDArray x0, Rng rng);
}
