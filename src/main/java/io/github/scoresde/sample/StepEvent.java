package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;

/**
 * Progress of a sampler after one step.
 *
 * @param index zero-based step index
 * @param total number of steps (for adaptive solvers, -1)
 * @param t time reached
 * @param x state after the step; valid only during the callback
 */
public record StepEvent(int index, int total, double t, NDArray x) {}
