package io.github.scoresde.model.net;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * A network that propagates tangents of its input forward with its output (forward-mode
 * differentiation), built from first-order tensor ops only, so the Jacobian-vector product stays
 * differentiable in the parameters without a double backward (which DJL lacks, ../shared/DJL.md).
 */
public interface ForwardDifferentiable {
    /**
     * The output F(x, label) and its Jacobian-vector products in x (the label held fixed).
     *
     * @param input x [B, ...]
     * @param label noise label [B]
     * @param tangents K tangents of x stacked [K, B, ...] (broadcastable over B)
     * @param training whether parameters are read for training
     * @return the output [B, ...] and J v [K, B, ...], owned by input's manager
     */
    Jvp forwardWithTangents(ParameterStore ps, NDArray input, NDArray label, NDArray tangents, boolean training);

    /** A function's value and its Jacobian-vector products. */
    record Jvp(NDArray value, NDArray tangents) {}
}
