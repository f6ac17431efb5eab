package io.github.scoresde.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.tensor.Rng;

/** Training data: batches drawn with a given random source, so a step's batch depends on its Rng only. */
public interface DataSource {
    /** Shape of one example, e.g. [2] or [1, 28, 28]. */
    long[] exampleShape();

    /** A batch [B, ...] owned by {@code manager}. */
    NDArray batch(NDManager manager, int size, DataType type, Rng rng);
}
