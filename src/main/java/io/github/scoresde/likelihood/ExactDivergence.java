package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The exact divergence sum_j e_j^T (d f~ / dx) e_j: D vector-Jacobian products with the unit
 * vectors, so the model runs on a batch D times as large. The default for D <= {@link
 * #DEFAULT_MAX_DIM}; beyond that prefer {@link HutchinsonDivergence}.
 */
public final class ExactDivergence implements Divergence {
    /** The largest dimension for which the exact divergence is the default (SPEC §5). */
    public static final int DEFAULT_MAX_DIM = 16;

    @Override
    public Probes draw(NDManager manager, Shape batch, DataType type) {
        long b = batch.get(0);
        int d = Math.toIntExact(batch.size() / b);
        try (NDArray eye = manager.eye(d, d, 0, type)) {
            // vectors[j, b] = e_j for every sample b.
            NDArray units = eye.expandDims(1).repeat(1, b).reshape(new Shape(d).addAll(batch));
            return new Probes(units, 1);
        }
    }

    @Override
    public String toString() {
        return "exact";
    }
}
