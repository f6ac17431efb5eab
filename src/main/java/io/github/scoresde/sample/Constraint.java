package io.github.scoresde.sample;

import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/**
 * A data-consistency step that a sampler applies to its state after every predictor and
 * corrector step (SPEC §6): imputation replaces the known coordinates with a forward sample of
 * their values, ILVR projects onto the measurements. Samplers know only this interface, so one
 * unconditional sampler serves every conditional task (score_sde's inpainter copies the PC loop
 * instead).
 */
@FunctionalInterface
public interface Constraint {
    /** Leaves the state alone. */
    Constraint NONE = (step, t, sde, rng) -> step;

    /**
     * Makes the state consistent with what is known.
     *
     * @param step the state reached by a step, and its noise-free mean; arrays of the result go to
     *     the state's manager, and the inputs are neither modified nor closed
     * @param t the time the state has reached (0 after a sampler's final step)
     * @param sde the SDE whose marginal at t the state follows
     * @param rng noise source for forward samples of the known values
     */
    Step enforce(Step step, double t, Sde sde, Rng rng);
}
