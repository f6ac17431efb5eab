package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Per-sample time arrays for model calls. */
public final class Times {
    private Times() {}

    /** The time t for every sample of x: an array [B] of x's type, owned by x's manager. */
    public static NDArray like(NDArray x, double t) {
        return x.getManager().ones(new Shape(x.getShape().get(0)), x.getDataType()).muli(t);
    }
}
