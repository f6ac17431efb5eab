package io.github.scoresde.sample.ode;

import ai.djl.ndarray.NDArray;

/**
 * The result of {@link OdeSolver#solve}.
 *
 * @param x the state at {@code t}, owned by the manager of the initial state {@code x0}
 * @param t the final time (exactly the requested {@code t1})
 * @param nfe the number of vector-field evaluations made
 * @param accepted accepted steps
 * @param rejected rejected steps (always 0 for fixed-step solvers)
 */
public record OdeSolution(NDArray x, double t, int nfe, int accepted, int rejected) {}
