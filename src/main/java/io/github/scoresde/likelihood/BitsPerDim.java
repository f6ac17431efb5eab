package io.github.scoresde.likelihood;

import io.github.scoresde.train.data.PixelScaling;

/**
 * Bits per dimension of 8-bit images from log-likelihoods in the model's data units (SPEC §5).
 *
 * <p>Pixels k in 0..255 are dequantized to x = (k + u) / 256 in [0, 1] with u ~ U(0, 1)^D
 * ({@link Dequantizer}); the model sees x_s = a x + b with a = high - low and b = low of the
 * {@link PixelScaling} (a = 2 for [-1, 1]). The change of variables gives
 * log p_x(x) = log p_s(x_s) + D ln a, and the dequantized density bounds the discrete one over
 * bins of width 1/256 (Theis et al. 2016), so in bits per dimension
 * <pre>bpd = -log p_s(x_s) / (D ln 2) - log2(a) + 8.</pre>
 * Never report bpd of undequantized data: a continuous density on a discrete set is unbounded.
 */
public final class BitsPerDim {
    private static final double LN2 = Math.log(2);

    private BitsPerDim() {}

    /**
     * Bits per dimension of one example.
     *
     * @param logLikelihood log p_s(x_s) in the model's data units (natural log)
     * @param dim the number D of dimensions (pixels times channels)
     * @param scaling the map from pixels to data units the model was trained with
     */
    public static double of(double logLikelihood, long dim, PixelScaling scaling) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, got " + dim);
        }
        double a = scaling.high() - scaling.low();
        return -logLikelihood / (dim * LN2) - Math.log(a) / LN2 + 8;
    }

    /** {@link #of(double, long, PixelScaling)} for each example. */
    public static double[] of(double[] logLikelihoods, long dim, PixelScaling scaling) {
        double[] out = new double[logLikelihoods.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(logLikelihoods[i], dim, scaling);
        }
        return out;
    }
}
