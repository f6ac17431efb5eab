package io.github.scoresde.sample.ode;

import ai.djl.ndarray.NDArray;

/**
 * Receives the state after every accepted step of an {@link OdeSolver}.
 *
 * <p>The array is valid only during the call: it is lent in a scope that is closed right after,
 * and every array the observer creates from it is closed then too. To keep a copy, use e.g.
 * {@code x.duplicate()} and attach it to a manager of your own, or copy it to Java arrays.
 */
@FunctionalInterface
public interface OdeObserver {
    /** An observer that does nothing. */
    OdeObserver NONE = (t, x) -> {};

    /**
     * Called after each accepted step.
     *
     * @param t the time reached by the step
     * @param x the state at {@code t}; must not be modified or closed
     */
    void onStep(double t, NDArray x);
}
