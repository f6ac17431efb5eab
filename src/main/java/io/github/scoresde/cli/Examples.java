package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.UserInputException;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.ImageDataSets;
import io.github.scoresde.train.data.KnownImageSet;
import io.github.scoresde.train.data.PngFolder;
import io.github.scoresde.train.data.PixelScaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The examples a flow command ({@code likelihood}, {@code encode}, {@code interpolate}) reads, in
 * order: points from a CSV file, or the first images of a set.
 */
sealed interface Examples {
    /** What {@code --data} accepts, for help texts. */
    String DATA_HELP = "A CSV of points (header row, one point per line, the first D columns used), an image set"
            + " (mnist, mnist:test, fashion-mnist, fashion-mnist:test) or a folder of .png images.";

    /** Number of examples. */
    int count();

    /** Examples {@code from} (inclusive) to {@code to} (exclusive) in the model's data units, [to - from, ...]. */
    NDArray batch(NDManager manager, int from, int to, DataType type);

    /**
     * The first examples of {@code data} for a model, checked against the model's kind and shape.
     *
     * @param data a CSV file of points, an image set name or a folder of PNGs
     * @param limit the most examples to read
     * @throws UserInputException naming the mismatch: images for a point model, points for an
     *     image model, images of another shape, an unknown name
     */
    static Examples load(String data, ModelTarget t, int limit) {
        boolean csv = data.toLowerCase(Locale.ROOT).endsWith(".csv")
                || Files.isRegularFile(Path.of(data)) && !PngFolder.isPngFile(Path.of(data));
        if (csv && t.images()) {
            throw new UserInputException("the model takes 8-bit images " + t.exampleShape() + ", but " + data
                    + " is a CSV of points: give an image set or a folder of .png images");
        }
        if (csv) {
            return new Points(PointCsv.read(Path.of(data), Math.toIntExact(t.dim()), limit));
        }
        if (!ImageDataSets.isImageName(data)) {
            throw new UserInputException("unknown data '" + data + "': give a .csv file of points, " + String.join(", ", KnownImageSet.names())
                    + " (add :test for the test split) or a folder of .png images");
        }
        if (!t.images()) {
            throw new UserInputException(data + " holds images, but the model takes points of dimension " + t.dim()
                    + ": give a .csv file of points");
        }
        ImageData images = ImageDataSets.load(data);
        if (!Arrays.equals(images.exampleShape(), t.shape())) {
            throw new UserInputException(data + " holds images of shape " + new Shape(images.exampleShape()) + " but the model was trained on "
                    + t.exampleShape() + ": give data of the model's shape");
        }
        return new Images(images, Math.min(limit, images.size()), t.scaling());
    }

    /** Points, one per row. */
    record Points(double[][] rows) implements Examples {
        @Override
        public int count() {
            return rows.length;
        }

        @Override
        public NDArray batch(NDManager manager, int from, int to, DataType type) {
            double[] flat = new double[(to - from) * rows[0].length];
            for (int i = from; i < to; i++) {
                System.arraycopy(rows[i], 0, flat, (i - from) * rows[0].length, rows[0].length);
            }
            return manager.create(flat, new Shape(to - from, rows[0].length)).toType(type, false);
        }
    }

    /**
     * The first {@code count} 8-bit images of a set, mapped to data units with the scaling the
     * model was trained with.
     */
    record Images(ImageData images, int count, PixelScaling scaling) implements Examples {
        @Override
        public NDArray batch(NDManager manager, int from, int to, DataType type) {
            long[] shape = images.exampleShape();
            int size = Math.toIntExact(shape[0] * shape[1] * shape[2]);
            float[] values = new float[(to - from) * size];
            for (int i = from; i < to; i++) {
                byte[] pixels = images.pixels(i);
                for (int k = 0; k < size; k++) {
                    values[(i - from) * size + k] = (float) scaling.toData(pixels[k] & 0xff);
                }
            }
            return manager.create(values, new Shape(to - from).addAll(new Shape(shape))).toType(type, false);
        }
    }
}
