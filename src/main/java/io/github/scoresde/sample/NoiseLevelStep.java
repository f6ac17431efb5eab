package io.github.scoresde.sample;

import ai.djl.ndarray.NDList;
import io.github.scoresde.tensor.Rng;

/**
 * One step of an {@link EdmSampler} in the EDM variable x~ = x/a from noise level sigma_k to
 * sigma_{k+1} of a {@link NoiseGrid}. The state is x~ followed by whatever the rule carries
 * between steps (a multistep solver's previous denoiser output); all of it lives in the step's
 * scope, and the rule returns the next state.
 */
public interface NoiseLevelStep {
    /**
     * @param denoiser the data prediction D(x~; sigma)
     * @param grid the noise levels
     * @param k index of the current point (0 <= k < grid.steps())
     * @param state x~ at sigma_k, then the memory the rule returned from the previous step (none at k = 0)
     * @param rng noise source
     * @return the state at sigma_{k+1}
     */
    NDList step(EdmDenoiser denoiser, NoiseGrid grid, int k, NDList state, Rng rng);
}
