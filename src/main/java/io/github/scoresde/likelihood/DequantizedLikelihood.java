package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.train.data.PixelScaling;

/**
 * Bits per dimension of 8-bit images averaged over K uniform dequantization draws (SPEC §5):
 * each draw x + u_d gives an unbiased estimate of the dequantized bound E_u[-log p(x + u)], so
 * the mean over K draws has 1/K of the variance a single draw has over u (Ho et al. 2019 and
 * Song et al. 2021 report such averages). Hutchinson probes are drawn afresh for every draw, so
 * their noise is averaged too.
 */
public final class DequantizedLikelihood {
    private final ProbabilityFlowLikelihood likelihood;
    private final PixelScaling scaling;
    private final int draws;

    /**
     * @param likelihood the log-likelihood of a dequantized batch
     * @param scaling the pixel scaling of the data
     * @param draws the number K of dequantization draws per image, {@code > 0}
     */
    public DequantizedLikelihood(ProbabilityFlowLikelihood likelihood, PixelScaling scaling, int draws) {
        if (draws < 1) {
            throw new IllegalArgumentException("dequantization draws must be >= 1, got " + draws);
        }
        this.likelihood = likelihood;
        this.scaling = scaling;
        this.draws = draws;
    }

    /** The start time eps of the flow: the log-likelihoods are log p_eps. */
    public double eps() {
        return likelihood.eps();
    }

    /**
     * Mean log-likelihood and bpd over the draws of each image.
     *
     * @param images 8-bit images [B, ...] in data units, on the pixel grid of the scaling
     * @param noise source of the draws: draw d is {@link Dequantizer#dequantize} with this
     *     generator after d earlier draws, so the same generator reproduces the same draws
     * @throws io.github.scoresde.UserInputException if a value is not on the 8-bit grid
     */
    public Result evaluate(NDArray images, Rng noise) {
        long b = images.getShape().get(0);
        long dim = images.size() / b;
        double[] sum = new double[Math.toIntExact(b)];
        double[][] perDraw = new double[draws][];
        int nfe = 0;
        for (int d = 0; d < draws; d++) {
            try (NDManager scope = images.getManager().newSubManager()) {
                // A copy in the draw's own scope, so that the draw's arrays all close with it.
                NDArray x = images.duplicate();
                x.attach(scope);
                ProbabilityFlowLikelihood.Result r = likelihood.logLikelihood(Dequantizer.dequantize(x, scaling, noise));
                double[] values = r.values();
                perDraw[d] = values;
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += values[i];
                }
                nfe += r.nfe();
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= draws;
        }
        return new Result(sum, BitsPerDim.of(sum, dim, scaling), perDraw, nfe);
    }

    /**
     * Per-image means over the draws.
     *
     * @param logLikelihood mean log p_eps of the dequantized image, natural log, data units
     * @param bpd mean bits per dimension (bpd is affine in the log-likelihood, so this is also the bpd of the mean)
     * @param draws the log-likelihood of each draw, [K][B]
     * @param nfe evaluations of the augmented field over all draws
     */
    public record Result(double[] logLikelihood, double[] bpd, double[][] draws, int nfe) {}
}
