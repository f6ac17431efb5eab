package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.scoresde.tensor.Rng;

/**
 * One DPM-Solver++(2M) step (Lu et al. 2022, Alg. 2; SPEC §4) in the EDM variable, where a = 1
 * and lambda = -ln sigma: x~' = (sigma'/sigma) x~ + (1 - sigma'/sigma) D~ with
 * D~ = (1 + 1/(2r)) D_k - D_{k-1}/(2r), r = h_{k-1}/h_k, h = ln(sigma/sigma'); first order
 * (D~ = D_k) on the first step and on a step to sigma = 0. Carries D_k in the state.
 */
final class DpmSolverPlusPlus2MStep implements NoiseLevelStep {
    @Override
    public NDList step(EdmDenoiser denoiser, NoiseGrid grid, int k, NDList state, Rng rng) {
        double[] sigma = grid.sigma();
        double ratio = sigma[k + 1] / sigma[k];
        NDArray x = state.get(0);
        NDArray denoised = denoiser.at(x, grid.t()[k]);
        NDArray blend = denoised;
        if (k > 0 && sigma[k + 1] > 0) {
            double r = Math.log(sigma[k - 1] / sigma[k]) / Math.log(sigma[k] / sigma[k + 1]);
            blend = denoised.mul(1 + 1 / (2 * r)).subi(state.get(1).mul(1 / (2 * r)));
        }
        return new NDList(x.mul(ratio).addi(blend.mul(1 - ratio)), denoised);
    }
}
