package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.scoresde.tensor.Shapes;
import java.util.ArrayList;
import java.util.List;

/**
 * Exponential moving average of parameters, shadow = decay shadow + (1 - decay) p (SPEC §2: the
 * averaged weights are the ones sampled from).
 */
public final class Ema implements AutoCloseable {
    private final double decay;
    private final NDManager manager;
    private final List<NDArray> shadows = new ArrayList<>();

    /** Starts the average at the current parameter values. */
    public Ema(List<NDArray> parameters, double decay, NDManager parent) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + decay);
        }
        this.decay = decay;
        this.manager = parent.newSubManager();
        for (NDArray p : parameters) {
            NDArray copy = p.duplicate();
            copy.attach(manager);
            shadows.add(copy);
        }
    }

    /** Moves the average towards the current parameters (autograd recording off). */
    public void update(List<NDArray> parameters) {
        try (NDManager scope = manager.newSubManager()) {
            for (int i = 0; i < parameters.size(); i++) {
                shadows.get(i).muli(decay).addi(Adam.temporary(parameters.get(i).mul(1 - decay), scope));
            }
        }
    }

    /** Copies the averaged values into {@code parameters}. */
    public void copyTo(List<NDArray> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            Shapes.copyInto(shadows.get(i), parameters.get(i));
        }
    }

    /** The averaged values, in parameter order (owned by this object). */
    public List<NDArray> values() {
        return shadows;
    }

    @Override
    public void close() {
        manager.close();
    }
}
