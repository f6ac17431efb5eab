package io.github.scoresde.sample.ode;

import ai.djl.ndarray.NDArray;

/**
 * A batched solver for {@code dx/dt = f(x, t)} from {@code t0} to {@code t1}; {@code t1} may be
 * smaller than {@code t0} (backward integration).
 *
 * <p>Implementations are immutable and may be shared. The returned state keeps the data type of
 * {@code x0} and is owned by {@code x0}'s manager; {@code x0} is neither modified nor closed, and
 * all temporaries are freed step by step.
 */
public interface OdeSolver {
    /**
     * Integrates from {@code (t0, x0)} to {@code t1}, calling {@code observer} after each accepted
     * step.
     *
     * @throws IllegalStateException if the solver cannot reach {@code t1} (evaluation budget
     *     exhausted, step-size underflow, non-finite state)
     */
    OdeSolution solve(VectorField f, NDArray x0, double t0, double t1, OdeObserver observer);

    /** {@link #solve(VectorField, NDArray, double, double, OdeObserver)} without an observer. */
    default OdeSolution solve(VectorField f, NDArray x0, double t0, double t1) {
        return solve(f, x0, t0, t1, OdeObserver.NONE);
    }
}
