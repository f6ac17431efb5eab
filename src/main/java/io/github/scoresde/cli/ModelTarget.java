package io.github.scoresde.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.train.data.PixelScaling;
import java.util.Arrays;

/**
 * The model a flow command ({@code likelihood}, {@code encode}, {@code decode}, {@code
 * interpolate}) works with, resolved from {@link ModelOptions} before any work starts.
 *
 * @param name how outputs name the model
 * @param opener builds the score model in a manager (closed with it)
 * @param sde the model's SDE
 * @param shape the shape of one example, [D] for points or [C, H, W] for images
 * @param scaling the pixel scaling of an image model, or null for a model of points
 */
record ModelTarget(String name, Opener opener, Sde sde, long[] shape, PixelScaling scaling) {
    /** Builds the score model; float64 computes in float64 throughout, also for a network trained in float32. */
    @FunctionalInterface
    interface Opener {
        ScoreModel open(NDManager manager, DataType type);
    }

    /** The number D of dimensions of one example. */
    long dim() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** Whether the model takes 8-bit images (and has a pixel scaling). */
    boolean images() {
        return scaling != null;
    }

    /** The shape of one example as a DJL shape. */
    Shape exampleShape() {
        return new Shape(shape);
    }

    /** The score model in {@code manager}, computing in {@code type}. */
    ScoreModel open(NDManager manager, DataType type) {
        return opener.open(manager, type);
    }
}
