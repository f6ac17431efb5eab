package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;

/**
 * What a sampler returns.
 *
 * @param x the final samples, owned by the start array's manager
 * @param xMean the final samples without the last noise injection ("denoised"); may be {@code x}
 * @param nfe number of model evaluations actually made
 */
public record Samples(NDArray x, NDArray xMean, int nfe) {}
