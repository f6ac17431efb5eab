package io.github.scoresde.sample;

import io.github.scoresde.sde.Sde;

/** The time grid of a sampler: strictly decreasing times t_0 = start, ..., t_{N-1} = end. */
public interface Schedule {
    /** The grid for {@code sde}. */
    double[] times(Sde sde);
}
