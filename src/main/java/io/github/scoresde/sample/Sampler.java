package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;

/**
 * Draws samples by integrating a reverse-time process of the model's SDE from {@code xStart}
 * along {@code schedule}. All samplers share this signature (k-diffusion's rule); their knobs are
 * constructor arguments.
 */
public interface Sampler {
    /**
     * Runs the sampler.
     *
     * @param model the score model; its {@link ScoreModel#sde()} is the SDE sampled
     * @param xStart start state [B, ...] (a prior draw); neither modified nor closed
     * @param schedule the time grid
     * @param context noise source and step listener
     * @return samples owned by {@code xStart}'s manager, with the measured NFE
     */
    Samples sample(ScoreModel model, NDArray xStart, Schedule schedule, SamplingContext context);

    /** Whether the sampler applies the context's {@link Constraint} after every step (else it refuses one). */
    default boolean appliesConstraints() {
        return true;
    }
}
