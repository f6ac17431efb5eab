package io.github.scoresde.sample;

import io.github.scoresde.tensor.Rng;

/**
 * What a sampler takes besides the model, start and schedule.
 *
 * @param rng source of the noise the sampler injects
 * @param listener observer of the steps
 */
public record SamplingContext(Rng rng, StepListener listener) {
    /** A context with no listener. */
    public SamplingContext(Rng rng) {
        this(rng, StepListener.NONE);
    }
}
