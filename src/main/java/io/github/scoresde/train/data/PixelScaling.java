package io.github.scoresde.train.data;

/**
 * The affine map between 8-bit pixel values 0..255 and the data values a model sees: pixel 0 is
 * {@code low} and pixel 255 is {@code high}, [-1, 1] by default as in DDPM and score SDE.
 *
 * <p>A model is trained in data units, so this record is stored with it (in the checkpoint
 * header, through Jackson) and used again to turn samples back into pixels. Keep it a plain
 * record of two numbers.
 *
 * @param low data value of pixel 0
 * @param high data value of pixel 255, greater than {@code low}
 */
public record PixelScaling(double low, double high) {
    /** Pixels 0..255 to [-1, 1]. */
    public static final PixelScaling SYMMETRIC = new PixelScaling(-1, 1);

    /** Checks that the range is finite and not empty. */
    public PixelScaling {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("pixel scaling needs finite low < high, got [" + low + ", " + high + "]");
        }
    }

    /** The data value of a pixel value 0..255. */
    public double toData(int pixel) {
        return low + (high - low) * pixel / 255.0;
    }

    /** The nearest pixel value 0..255 of a data value; values outside [low, high] are clamped. */
    public int toPixel(double value) {
        long p = Math.round((value - low) / (high - low) * 255.0);
        return (int) Math.max(0, Math.min(255, p));
    }

    /** {@link #toData} for all 256 pixel values, as floats (a lookup table). */
    float[] table() {
        float[] t = new float[256];
        for (int p = 0; p < 256; p++) {
            t[p] = (float) toData(p);
        }
        return t;
    }
}
