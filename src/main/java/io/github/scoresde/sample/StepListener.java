package io.github.scoresde.sample;

/** Observes a sampler's steps, e.g. for a progress bar or snapshots. */
@FunctionalInterface
public interface StepListener {
    /** Ignores every step. */
    StepListener NONE = event -> {};

    /** Called after every step. */
    void onStep(StepEvent event);
}
