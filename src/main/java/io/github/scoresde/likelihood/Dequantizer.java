package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.UserInputException;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Scopes;
import io.github.scoresde.train.data.PixelScaling;
import java.util.SplittableRandom;

/**
 * Uniform dequantization of 8-bit images for {@link BitsPerDim} (SPEC §5): data values on the
 * pixel grid of a {@link PixelScaling}, low + (high - low) k / 255, become
 * low + (high - low) (k + u) / 256 with u ~ U(0, 1) per dimension, i.e. x_s = a x + b with
 * x = (k + u) / 256 uniform over pixel k's bin.
 */
public final class Dequantizer {
    /**
     * How far (in pixel units) a value may be from the 8-bit grid: float32 rounding of data in
     * [-1, 1] moves values by ~1e-5 pixels, while genuinely continuous data is off by up to 0.5.
     */
    static final double GRID_TOLERANCE = 1e-3;

    private Dequantizer() {}

    /**
     * Dequantized copies of 8-bit data.
     *
     * @param data images [B, ...] in data units, every value a pixel value of {@code scaling}
     * @param scaling the pixel scaling of the data
     * @param rng source of the uniform offsets
     * @return the dequantized data, of data's type and owned by its manager
     * @throws UserInputException if a value is not on the 8-bit grid of {@code scaling}
     */
    public static NDArray dequantize(NDArray data, PixelScaling scaling, Rng rng) {
        double width = scaling.high() - scaling.low();
        return Scopes.one(data.getManager(), new NDList(data), scope -> {
            NDArray pixels = data.sub(scaling.low()).mul(255 / width);
            NDArray rounded = pixels.round();
            double off = scalar(pixels.sub(rounded).abs().max());
            double min = scalar(rounded.min());
            double max = scalar(rounded.max());
            if (!(off <= GRID_TOLERANCE && min >= 0 && max <= 255)) {
                throw new UserInputException(String.format(
                        "bits per dimension needs 8-bit images: data must be pixel values 0..255 mapped to [%s, %s], but a value"
                                + " is %.3g pixels off that grid (pixels span %.4g..%.4g); check the data set and its pixel scaling",
                        scaling.low(), scaling.high(), off, min, max));
            }
            NDArray u = uniform(scope, data, rng.javaRandom());
            return rounded.add(u).mul(width / 256).add(scaling.low());
        });
    }

    /** The value of a one-element array of any floating type. */
    private static double scalar(NDArray value) {
        return value.toType(DataType.FLOAT64, false).getDouble();
    }

    private static NDArray uniform(NDManager scope, NDArray like, SplittableRandom random) {
        float[] u = new float[Math.toIntExact(like.size())];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) random.nextDouble();
        }
        return scope.create(u, like.getShape()).toType(like.getDataType(), false);
    }
}
