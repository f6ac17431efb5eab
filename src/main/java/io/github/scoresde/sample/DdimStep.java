package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.scoresde.tensor.Rng;

/**
 * One DDIM step (Song, Meng & Ermon 2021, eq. 12; SPEC §4) in the EDM variable, where a = 1:
 * x~' = D + sqrt(sigma'^2 - c^2) e^ + c z with e^ = (x~ - D)/sigma and
 * c = eta sigma' sqrt(1 - (sigma'/sigma)^2). For eta = 0 it is D + sigma' (x~ - D)/sigma, an
 * Euler step of the probability-flow ODE in sigma.
 */
final class DdimStep implements NoiseLevelStep {
    private final double eta;

    DdimStep(double eta) {
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("eta must be in [0, 1], got " + eta);
        }
        this.eta = eta;
    }

    @Override
    public NDList step(EdmDenoiser denoiser, NoiseGrid grid, int k, NDList state, Rng rng) {
        double sigma = grid.sigma()[k];
        double next = grid.sigma()[k + 1];
        NDArray x = state.get(0);
        NDArray denoised = denoiser.at(x, grid.t()[k]);
        double c = eta * next * Math.sqrt(1 - (next / sigma) * (next / sigma));
        NDArray out = x.sub(denoised).muli(Math.sqrt(next * next - c * c) / sigma).addi(denoised);
        if (c > 0) {
            out.addi(rng.normal(x.getManager(), x.getShape(), x.getDataType()).muli(c));
        }
        return new NDList(out);
    }
}
