package io.github.scoresde.sample;

import io.github.scoresde.tensor.Rng;

/**
 * What a sampler takes besides the model, start and schedule.
 *
 * @param rng source of the noise the sampler injects
 * @param listener observer of the steps
 * @param constraint data-consistency step applied after every step ({@link Constraint#NONE}: none)
 */
public record SamplingContext(Rng rng, StepListener listener, Constraint constraint) {
    /** A context with no constraint. */
    public SamplingContext(Rng rng, StepListener listener) {
        this(rng, listener, Constraint.NONE);
    }

    /** A context with no listener and no constraint. */
    public SamplingContext(Rng rng) {
        this(rng, StepListener.NONE);
    }
}
