package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDArray;

/**
 * Probe vectors of a {@link Divergence}: the divergence at x_b is
 * {@code weight * sum_i v_{i,b}^T (d f~ / dx)(x_b) v_{i,b}}.
 *
 * @param vectors the probes [n, B, ...], one set per sample of the batch [B, ...]
 * @param weight the factor of the sum over the n probes
 */
public record Probes(NDArray vectors, double weight) {
    /** The number n of probes per sample. */
    public int count() {
        return Math.toIntExact(vectors.getShape().get(0));
    }
}
