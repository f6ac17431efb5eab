package io.github.scoresde.eval;

/**
 * Full-reference image quality of a restoration x against the original: PSNR and SSIM (Wang et
 * al. 2004) on images [C, H, W] flattened channel-major, with values in [low, high]; values outside
 * are clamped first, as they would be when saved as pixels.
 */
public final class ImageSimilarity {
    /** SSIM's window side: skimage's default uniform 7x7 window. */
    public static final int WINDOW = 7;
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;

    private ImageSimilarity() {}

    /** Peak signal-to-noise ratio 10 log10(range^2 / MSE) in dB; infinite for identical images. */
    public static double psnr(double[] original, double[] restored, double low, double high) {
        check(original, restored);
        double squares = 0;
        for (int i = 0; i < original.length; i++) {
            double e = clamp(original[i], low, high) - clamp(restored[i], low, high);
            squares += e * e;
        }
        double range = high - low;
        return 10 * Math.log10(range * range / (squares / original.length));
    }

    /**
     * Mean structural similarity over all 7x7 windows of every channel (population statistics in
     * each window, C1 = (0.01 range)^2, C2 = (0.03 range)^2): 1 for identical images.
     *
     * @throws IllegalArgumentException if the images are smaller than the window
     */
    public static double ssim(double[] original, double[] restored, int channels, int height, int width, double low, double high) {
        check(original, restored);
        if (height < WINDOW || width < WINDOW || channels * height * width != original.length) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW + " matching "
                    + channels + "x" + height + "x" + width + ", got " + original.length + " values");
        }
        double range = high - low;
        double c1 = K1 * range * K1 * range;
        double c2 = K2 * range * K2 * range;
        double total = 0;
        int windows = 0;
        double n = WINDOW * WINDOW;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i + WINDOW <= height; i++) {
                for (int j = 0; j + WINDOW <= width; j++) {
                    double sx = 0;
                    double sy = 0;
                    double sxx = 0;
                    double syy = 0;
                    double sxy = 0;
                    for (int di = 0; di < WINDOW; di++) {
                        for (int dj = 0; dj < WINDOW; dj++) {
                            int k = (c * height + i + di) * width + j + dj;
                            double x = clamp(original[k], low, high);
                            double y = clamp(restored[k], low, high);
                            sx += x;
                            sy += y;
                            sxx += x * x;
                            syy += y * y;
                            sxy += x * y;
                        }
                    }
                    double mx = sx / n;
                    double my = sy / n;
                    double vx = sxx / n - mx * mx;
                    double vy = syy / n - my * my;
                    double cov = sxy / n - mx * my;
                    total += (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                    windows++;
                }
            }
        }
        return total / windows;
    }

    private static void check(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("images of equal, non-zero size expected, got " + a.length + " and " + b.length);
        }
    }

    private static double clamp(double v, double low, double high) {
        return Math.max(low, Math.min(high, v));
    }
}
