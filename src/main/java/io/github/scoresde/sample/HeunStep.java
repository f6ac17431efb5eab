package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.scoresde.tensor.Rng;

/**
 * One step of EDM's sampler (Karras et al. 2022, Alg. 2, lines 4-11; Alg. 1 without churn):
 * optional churn to sigma^, an Euler step of dx~/dsigma = (x~ - D)/sigma to sigma_{k+1}, and the
 * trapezoidal (Heun) correction unless sigma_{k+1} = 0. sigma^ is capped at sigma(T), the largest
 * level the model was trained on.
 */
final class HeunStep implements NoiseLevelStep {
    private final Churn churn;

    HeunStep(Churn churn) {
        this.churn = churn;
    }

    @Override
    public NDList step(EdmDenoiser denoiser, NoiseGrid grid, int k, NDList state, Rng rng) {
        double sigma = grid.sigma()[k];
        double next = grid.sigma()[k + 1];
        NDArray x = state.get(0);
        double gamma = churn.gamma(sigma, grid.levels());
        double sigmaHat = sigma;
        NDArray d;
        if (gamma > 0) {
            sigmaHat = Math.min(sigma * (1 + gamma), denoiser.sigmaMax());
            double std = churn.sNoise() * Math.sqrt(sigmaHat * sigmaHat - sigma * sigma);
            x = rng.normal(x.getManager(), x.getShape(), x.getDataType()).muli(std).addi(x);
            d = slope(x, denoiser.atSigma(x, sigmaHat), sigmaHat);
        } else {
            d = slope(x, denoiser.at(x, grid.t()[k]), sigma);
        }
        NDArray euler = d.mul(next - sigmaHat).addi(x);
        if (next == 0) {
            return new NDList(euler);
        }
        NDArray dNext = slope(euler, denoiser.at(euler, grid.t()[k + 1]), next);
        return new NDList(d.addi(dNext).muli(0.5 * (next - sigmaHat)).addi(x));
    }

    /** dx~/dsigma = (x~ - D)/sigma, the probability-flow ODE in the EDM variable (EDM eq. 4). */
    private static NDArray slope(NDArray x, NDArray denoised, double sigma) {
        return x.sub(denoised).divi(sigma);
    }
}
