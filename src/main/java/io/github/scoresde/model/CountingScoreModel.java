package io.github.scoresde.model;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.sde.Sde;

/**
 * Counts the calls to a model and the time spent in them: NFE is measured, never computed.
 * Every view counts as one evaluation. Not thread-safe.
 */
public final class CountingScoreModel implements ScoreModel {
    private final ScoreModel inner;
    private int calls;
    private long nanos;

    /** Wraps {@code inner}, starting at zero calls. */
    public CountingScoreModel(ScoreModel inner) {
        this.inner = inner;
    }

    /** Number of model evaluations so far. */
    public int calls() {
        return calls;
    }

    /** Wall time spent inside the model so far, in nanoseconds. */
    public long nanos() {
        return nanos;
    }

    @Override
    public Sde sde() {
        return inner.sde();
    }

    @Override
    public NDArray score(NDArray x, NDArray t) {
        long start = System.nanoTime();
        NDArray out = inner.score(x, t);
        count(start);
        return out;
    }

    @Override
    public NDArray noise(NDArray x, NDArray t) {
        long start = System.nanoTime();
        NDArray out = inner.noise(x, t);
        count(start);
        return out;
    }

    @Override
    public NDArray denoise(NDArray x, NDArray t) {
        long start = System.nanoTime();
        NDArray out = inner.denoise(x, t);
        count(start);
        return out;
    }

    private void count(long start) {
        nanos += System.nanoTime() - start;
        calls++;
    }
}
