package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.tensor.Rng;

/**
 * Hutchinson's trace estimator (Hutchinson 1990; Grathwohl et al. 2019, FFJORD):
 * div f~ ~ (1/K) sum_i v_i^T (d f~ / dx) v_i with K independent probes per sample, drawn once
 * per trajectory. Unbiased for every K; its standard deviation falls as 1 / sqrt(K). One
 * vector-Jacobian product per probe, whatever the dimension.
 *
 * <p>Holds a {@link Rng} that advances with every trajectory, so it is not thread-safe; the same
 * seed and the same sequence of batches give the same estimates.
 */
public final class HutchinsonDivergence implements Divergence {
    private final ProbeDistribution distribution;
    private final int count;
    private final Rng rng;

    /**
     * @param distribution the law of the probes
     * @param count probes per sample, {@code > 0}
     * @param rng source of the probes
     */
    public HutchinsonDivergence(ProbeDistribution distribution, int count, Rng rng) {
        if (count <= 0) {
            throw new IllegalArgumentException("the number of probes must be > 0, got " + count);
        }
        this.distribution = distribution;
        this.count = count;
        this.rng = rng;
    }

    /** One probe of {@code distribution} per sample. */
    public HutchinsonDivergence(ProbeDistribution distribution, Rng rng) {
        this(distribution, 1, rng);
    }

    @Override
    public Probes draw(NDManager manager, Shape batch, DataType type) {
        return new Probes(distribution.draw(manager, new Shape(count).addAll(batch), type, rng), 1.0 / count);
    }

    @Override
    public String toString() {
        return distribution.name().toLowerCase(java.util.Locale.ROOT) + "(" + count + ")";
    }
}
