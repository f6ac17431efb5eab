package io.github.scoresde.sample.ode;

import ai.djl.ndarray.NDArray;

/**
 * The right-hand side {@code f(x, t)} of an ordinary differential equation {@code dx/dt = f(x, t)},
 * evaluated for a whole batch at one time {@code t}.
 *
 * <p>Contract: the result has the shape and data type of {@code x}, is a new array owned by
 * {@code x}'s manager (which is what {@code x.op(...)} gives in DJL), and {@code x} is not
 * modified. The solvers call it inside a short-lived scope that is closed after each step, so the
 * field must not keep references to {@code x} or to its result.
 */
@FunctionalInterface
public interface VectorField {
    /**
     * Evaluates the field.
     *
     * @param x the state, of any shape (e.g. {@code [B, D]} or {@code [B, C, H, W]})
     * @param t the time, shared by the batch
     * @return {@code f(x, t)}, owned by {@code x}'s manager
     */
    NDArray at(NDArray x, double t);
}
