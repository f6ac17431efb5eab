package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;

/**
 * The result of one predictor or corrector step.
 *
 * @param x the new state
 * @param xMean the new state before noise was added (score_sde's {@code x_mean})
 */
public record Step(NDArray x, NDArray xMean) {}
