package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.PixelScaling;

/** The examples {@code likelihood} evaluates, in order: points from a CSV file, or the first images of a set. */
sealed interface LikelihoodData {
    /** Number of examples. */
    int count();

    /** Examples {@code from} (inclusive) to {@code to} (exclusive) in the model's data units, [to - from, ...]. */
    NDArray batch(NDManager manager, int from, int to, DataType type);

    /** Points, one per row. */
    record Points(double[][] rows) implements LikelihoodData {
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
    record Images(ImageData images, int count, PixelScaling scaling) implements LikelihoodData {
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
