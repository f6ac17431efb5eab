package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.tensor.Rng;

/**
 * The law of Hutchinson's probe vectors v, both with E[v v^T] = I so that E[v^T A v] = tr A
 * (Hutchinson 1990). Rademacher probes give the smaller variance,
 * 2 sum_{i != j} A_ij^2 against 2 ||A||_F^2 for Gaussian ones.
 */
public enum ProbeDistribution {
    /** Independent signs +-1 with probability 1/2 each. */
    RADEMACHER,
    /** Independent standard normals. */
    GAUSSIAN;

    /** Probes of the given shape, owned by {@code manager}. */
    NDArray draw(NDManager manager, Shape shape, DataType type, Rng rng) {
        NDArray z = rng.normal(manager, shape, type);
        if (this == GAUSSIAN) {
            return z;
        }
        // sign(z) of a normal z is a Rademacher sign (z = 0 has probability zero).
        NDArray signs = z.sign();
        z.close();
        return signs;
    }
}
