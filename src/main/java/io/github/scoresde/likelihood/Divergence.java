package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * How the divergence of the probability-flow drift, div f~(x, t) = tr(d f~ / dx), is computed
 * (SPEC §5). Every strategy is a set of probe vectors v_1..v_n and a weight w with
 * div f~ ~ w sum_i v_i^T (d f~ / dx) v_i: the unit vectors with w = 1 give the exact trace
 * ({@link ExactDivergence}), random vectors with E[v v^T] = I and w = 1 / n give Hutchinson's
 * unbiased estimate ({@link HutchinsonDivergence}). Each v^T (d f~ / dx) is one vector-Jacobian
 * product, all n of them in one batched backward pass.
 *
 * <p>Probes are drawn once per trajectory and reused at every solver stage, so that the
 * integrand is a smooth function of t that an adaptive solver can follow.
 */
public interface Divergence {
    /**
     * The probes for one trajectory of a batch.
     *
     * @param manager owner of the probe array
     * @param batch the shape [B, ...] of the batch
     * @param type the data type of the batch
     */
    Probes draw(NDManager manager, Shape batch, DataType type);
}
