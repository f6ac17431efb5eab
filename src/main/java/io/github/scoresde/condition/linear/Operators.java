package io.github.scoresde.condition.linear;

import ai.djl.ndarray.types.Shape;

/**
 * The degradations of image inverse problems as {@link LinearMeasurement}s on samples of shape
 * [C, H, W]: average pooling (super-resolution), Gaussian blur (deblurring) and the channel mean
 * (colorization), as in DDRM (Kawar et al. 2022, sec. 4) and ILVR (Choi et al. 2021).
 */
public final class Operators {
    private Operators() {}

    /**
     * Mean over non-overlapping f x f blocks of every channel: [C, H, W] to C (H/f) (W/f) values,
     * ILVR's low-pass filter and DDRM's super-resolution operator.
     *
     * @throws IllegalArgumentException if f < 1 or does not divide H and W
     */
    public static LinearMeasurement averagePooling(Shape shape, int factor) {
        int[] chw = chw(shape);
        int h = chw[1];
        int w = chw[2];
        if (factor < 1 || h % factor != 0 || w % factor != 0) {
            throw new IllegalArgumentException("the factor " + factor + " does not divide the image size " + h + "x" + w);
        }
        return LinearMeasurement.separable(shape, pooling(h, factor), pooling(w, factor));
    }

    /**
     * Convolution of every channel with a Gaussian of standard deviation {@code sigma} pixels,
     * truncated at 3 sigma; near the border the kernel is renormalised over the pixels inside, so
     * a constant image stays constant. The 2-D kernel is the product of two 1-D ones, so H is
     * separable.
     *
     * @throws IllegalArgumentException if sigma is not positive
     */
    public static LinearMeasurement gaussianBlur(Shape shape, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("the blur's standard deviation must be positive, got " + sigma);
        }
        int[] chw = chw(shape);
        int h = chw[1];
        int w = chw[2];
        return LinearMeasurement.separable(shape, blur(h, sigma), blur(w, sigma));
    }

    /**
     * The mean of the three colour channels at every pixel: [3, H, W] to H W gray levels, the
     * measurement of colorization (its null space holds the two colour-difference directions).
     *
     * @throws IllegalArgumentException if the images do not have 3 channels
     */
    public static LinearMeasurement grayLevel(Shape shape) {
        int[] chw = chw(shape);
        if (chw[0] != 3) {
            throw new IllegalArgumentException("colorization needs RGB images (3 channels), got " + chw[0]);
        }
        int pixels = chw[1] * chw[2];
        double[][] rows = new double[pixels][3 * pixels];
        for (int p = 0; p < pixels; p++) {
            for (int ch = 0; ch < 3; ch++) {
                rows[p][ch * pixels + p] = 1.0 / 3;
            }
        }
        return LinearMeasurement.of(shape, rows);
    }

    /** Means of consecutive blocks of f along one axis of length n: an (n/f) x n matrix. */
    private static double[][] pooling(int n, int f) {
        double[][] m = new double[n / f][n];
        for (int i = 0; i < n; i++) {
            m[i / f][i] = 1.0 / f;
        }
        return m;
    }

    /** The 1-D Gaussian of standard deviation sigma truncated at 3 sigma, each row renormalised. */
    private static double[][] blur(int n, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int j = Math.max(0, i - radius); j <= Math.min(n - 1, i + radius); j++) {
                m[i][j] = Math.exp(-(i - j) * (i - j) / (2 * sigma * sigma));
                total += m[i][j];
            }
            for (int j = 0; j < n; j++) {
                m[i][j] /= total;
            }
        }
        return m;
    }

    private static int[] chw(Shape shape) {
        if (shape.dimension() != 3) {
            throw new IllegalArgumentException("images of shape [C, H, W] expected, got " + shape);
        }
        return new int[] {(int) shape.get(0), (int) shape.get(1), (int) shape.get(2)};
    }
}
