package io.github.scoresde.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.tensor.Rng;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A set of N images [C, H, W] (C = 1 or 3) kept as 8-bit pixels, with optional integer labels
 * and class names. Batches come out in data units through a {@link PixelScaling}.
 */
public final class ImageData implements DataSource {
    private final byte[] pixels;
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final int[] labels;
    private final List<String> classNames;
    private final PixelScaling scaling;
    private final float[] table;

    /**
     * Images from their pixels.
     *
     * @param pixels N x C x H x W bytes, image after image, each channel-major then row-major; kept, not
     *     copied (a data set can be large), so the caller must not change it afterwards
     * @param channels 1 (gray) or 3 (RGB)
     * @param labels one label 0..classNames.size()-1 per image, or null for none
     * @param classNames the class of each label value; empty for none
     * @throws IllegalArgumentException if the sizes do not fit together
     */
    public ImageData(byte[] pixels, int channels, int height, int width, int[] labels, List<String> classNames,
            PixelScaling scaling) {
        if (channels != 1 && channels != 3 || height < 1 || width < 1) {
            throw new IllegalArgumentException("images must be [1 or 3, H >= 1, W >= 1], got [" + channels + ", " + height
                    + ", " + width + "]");
        }
        int size = channels * height * width;
        if (pixels.length == 0 || pixels.length % size != 0) {
            throw new IllegalArgumentException(pixels.length + " bytes are not a positive whole number of " + size + "-byte images");
        }
        this.count = pixels.length / size;
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException(labels.length + " labels for " + count + " images");
        }
        if (labels != null && Arrays.stream(labels).anyMatch(l -> l < 0 || l >= classNames.size())) {
            throw new IllegalArgumentException("labels must lie in 0.." + (classNames.size() - 1) + " (one class name each)");
        }
        this.pixels = pixels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.labels = labels == null ? null : labels.clone();
        this.classNames = List.copyOf(classNames);
        this.scaling = scaling;
        this.table = scaling.table();
    }

    /** Number of images. */
    public int size() {
        return count;
    }

    @Override
    public long[] exampleShape() {
        return new long[] {channels, height, width};
    }

    /** How pixels map to data values. */
    public PixelScaling pixelScaling() {
        return scaling;
    }

    /** One label per image, if the images have labels. */
    public Optional<int[]> labels() {
        return Optional.ofNullable(labels).map(int[]::clone);
    }

    /** Class name of each label value; empty without labels. */
    public List<String> classNames() {
        return classNames;
    }

    /** The pixels of image {@code index}, C x H x W bytes. */
    public byte[] pixels(int index) {
        int size = channels * height * width;
        return Arrays.copyOfRange(pixels, index * size, (index + 1) * size);
    }

    /** Images drawn uniformly with replacement, in data units: [size, C, H, W] owned by {@code manager}. */
    @Override
    public NDArray batch(NDManager manager, int size, DataType type, Rng rng) {
        SplittableRandom rnd = rng.javaRandom();
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            indices[i] = rnd.nextInt(count);
        }
        return scaled(manager, indices, table, type);
    }

    /** The first {@code n} images in data units, [n, C, H, W] float32 owned by {@code manager} (reference sets). */
    public NDArray first(NDManager manager, int n) {
        if (n < 1 || n > count) {
            throw new IllegalArgumentException("n must be in 1.." + count + ", got " + n);
        }
        int[] indices = new int[n];
        Arrays.setAll(indices, i -> i);
        return scaled(manager, indices, table, DataType.FLOAT32);
    }

    /**
     * The images at {@code indices} mapped to data units by {@code scaling}, which may differ from
     * this set's (a classifier's inputs), [indices.length, C, H, W] float32 owned by {@code manager}.
     */
    public NDArray select(NDManager manager, int[] indices, PixelScaling scaling) {
        return scaled(manager, indices, scaling.equals(this.scaling) ? table : scaling.table(), DataType.FLOAT32);
    }

    /**
     * Per-pixel standard deviation in data units, averaged over the C x H x W pixels: EDM's
     * sigma_data (Karras et al. 2022, section 5) measured on this set. Sample (n - 1) variances;
     * 0 for a single image.
     */
    public double std() {
        if (count < 2) {
            return 0;
        }
        int size = channels * height * width;
        long[] sum = new long[size];
        long[] squares = new long[size];
        for (int i = 0; i < count; i++) {
            int offset = i * size;
            for (int j = 0; j < size; j++) {
                long p = pixels[offset + j] & 0xff;
                sum[j] += p;
                squares[j] += p * p;
            }
        }
        double total = 0;
        for (int j = 0; j < size; j++) {
            double mean = (double) sum[j] / count;
            double variance = Math.max(0, (squares[j] - count * mean * mean) / (count - 1));
            total += Math.sqrt(variance);
        }
        double perPixel = (scaling.high() - scaling.low()) / 255.0;
        return perPixel * total / size;
    }

    private NDArray scaled(NDManager manager, int[] indices, float[] table, DataType type) {
        int size = channels * height * width;
        float[] out = new float[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            int from = indices[i] * size;
            int to = i * size;
            for (int j = 0; j < size; j++) {
                out[to + j] = table[pixels[from + j] & 0xff];
            }
        }
        NDArray x = manager.create(out, new Shape(indices.length, channels, height, width));
        return type == DataType.FLOAT32 ? x : x.toType(type, false);
    }
}
