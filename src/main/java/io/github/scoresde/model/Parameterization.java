package io.github.scoresde.model;

import ai.djl.ndarray.NDArray;

/**
 * How a network's output F is read (SPEC §2), in the EDM form of any SDE: x~ = x / a(t) is the
 * data plus noise of level sigma = s(t) / a(t). Each reading turns F into the denoiser
 * D(x~; sigma) ~ E[x0 | x]; the network always sees the normalised input c_in x~ with
 * c_in = 1 / sqrt(sigma^2 + sigmaData^2) and the noise label c_noise = ln(sigma) / 4, so it
 * never needs to know which SDE trained it (Karras et al. 2022, Table 1).
 *
 * <p>Every reading is linear in (x~, F) for a fixed sigma, with no constant term:
 * {@link NetworkScoreModel#scoreWithJvp} maps tangents through {@link #denoiser} for that reason,
 * and a new reading must keep the property.
 */
public interface Parameterization {
    /** The data's standard deviation, used for the input scaling. */
    double sigmaData();

    /**
     * The denoiser from the network output.
     *
     * @param xTilde x / a [B, ...]
     * @param sigma noise levels broadcastable against x [B, 1, ...]
     * @param output the network output F, shaped like x
     * @return D, owned by xTilde's manager
     */
    NDArray denoiser(NDArray xTilde, NDArray sigma, NDArray output);

    /** F predicts the noise: D = x~ - sigma F (Ho et al. 2020). */
    record Noise(double sigmaData) implements Parameterization {
        @Override
        public NDArray denoiser(NDArray xTilde, NDArray sigma, NDArray output) {
            return xTilde.sub(sigma.mul(output));
        }
    }

    /** F predicts the data: D = F. */
    record Data(double sigmaData) implements Parameterization {
        @Override
        public NDArray denoiser(NDArray xTilde, NDArray sigma, NDArray output) {
            // A fresh array on the autograd graph: DJL's duplicate() is a clone detached from it,
            // which left a data-parameterised network without gradients.
            return output.add(0);
        }
    }

    /** F predicts sigma times the score of x~ (NCSN's output scaling): D = x~ + sigma F. */
    record Score(double sigmaData) implements Parameterization {
        @Override
        public NDArray denoiser(NDArray xTilde, NDArray sigma, NDArray output) {
            return xTilde.add(sigma.mul(output));
        }
    }

    /**
     * EDM preconditioning: D = c_skip x~ + c_out F with c_skip = sd^2 / (sigma^2 + sd^2) and
     * c_out = sigma sd / sqrt(sigma^2 + sd^2) (Karras et al. 2022, eq. 7), so the network's target
     * has unit variance at every noise level.
     */
    record Edm(double sigmaData) implements Parameterization {
        @Override
        public NDArray denoiser(NDArray xTilde, NDArray sigma, NDArray output) {
            double sd2 = sigmaData * sigmaData;
            NDArray total = sigma.square().add(sd2);
            NDArray skip = total.getManager().ones(total.getShape(), total.getDataType()).muli(sd2).divi(total);
            NDArray out = sigma.mul(sigmaData).divi(total.sqrt());
            return xTilde.mul(skip).addi(output.mul(out));
        }
    }
}
