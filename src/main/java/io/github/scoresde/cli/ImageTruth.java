package io.github.scoresde.cli;

import io.github.scoresde.plot.ImageGrid;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.PixelScaling;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Image truth: images of one shape and pixel scaling, with the data set when it is at hand (a
 * shipped model samples without it). Samples are pictured as a grid and written as a folder of
 * PNGs (which {@code --data DIR} reads back); their pixel statistics are compared with the data's.
 * Image-quality scores (FID) belong to the evaluation command.
 *
 * @param shape [C, H, W]
 * @param scaling how 8-bit pixels map to data units
 * @param images the data set, or null when it is not at hand
 */
record ImageTruth(long[] shape, PixelScaling scaling, ImageData images) implements Truth {
    /** At most this many samples go into the picture. */
    private static final int PICTURE_MAX = 100;
    /** Key of the pixel scaling in a checkpoint's data record. */
    static final String PIXEL_SCALING = "pixel_scaling";

    /** An 8 x 8 picture of samples. */
    @Override
    public int defaultSampleCount() {
        return 64;
    }

    /** The truth of a data set at hand. */
    static ImageTruth of(ImageData images) {
        return new ImageTruth(images.exampleShape(), images.pixelScaling(), images);
    }

    @Override
    public ImageData data() {
        if (images == null) {
            throw new IllegalStateException("the image data set is not at hand");
        }
        return images;
    }

    @Override
    public long[] exampleShape() {
        return shape.clone();
    }

    /** The pixel scaling: its inverse turns samples back into images. */
    @Override
    public Map<String, Object> storedWithModel() {
        return Map.of(PIXEL_SCALING, scaling);
    }

    @Override
    public double std() {
        return data().std();
    }

    /**
     * Non-finite samples, the share of values outside the data range by more than one 8-bit step,
     * and the samples' mean and standard deviation beside the data's.
     */
    @Override
    public Map<String, Object> quality(double[][] samples, long seed) {
        double step = (scaling.high() - scaling.low()) / 255;
        long nonFinite = 0;
        long outside = 0;
        double sum = 0;
        double sumSq = 0;
        long count = 0;
        for (double[] row : samples) {
            boolean finite = true;
            for (double v : row) {
                finite &= Double.isFinite(v);
            }
            if (!finite) {
                nonFinite++;
                continue;
            }
            for (double v : row) {
                outside += v < scaling.low() - step || v > scaling.high() + step ? 1 : 0;
                sum += v;
                sumSq += v * v;
                count++;
            }
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("non_finite_samples", nonFinite);
        if (count > 0) {
            double mean = sum / count;
            q.put("outside_data_range", (double) outside / count);
            q.put("mean", mean);
            q.put("std", Math.sqrt(Math.max(0, sumSq / count - mean * mean)));
        }
        if (images != null) {
            double[] reference = pixelMoments();
            q.put("data_mean", reference[0]);
            q.put("data_std", reference[1]);
        }
        return q;
    }

    /** Mean and standard deviation over all pixels of the data, in data units. */
    private double[] pixelMoments() {
        double sum = 0;
        double sumSq = 0;
        long count = 0;
        for (int i = 0; i < images.size(); i++) {
            for (byte b : images.pixels(i)) {
                double v = scaling.toData(b & 0xff);
                sum += v;
                sumSq += v * v;
                count++;
            }
        }
        double mean = sum / count;
        return new double[] {mean, Math.sqrt(Math.max(0, sumSq / count - mean * mean))};
    }

    /** A grid of the first samples, 2x upscaled. */
    @Override
    public BufferedImage picture(String title, double[][] samples, long seed) {
        int n = Math.min(samples.length, PICTURE_MAX);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(pixels(samples[i]));
        }
        int columns = (int) Math.ceil(Math.sqrt(n));
        return ImageGrid.of(images, (int) shape[0], (int) shape[1], (int) shape[2], columns, 2, List.of());
    }

    /** Writes samples/00000.png, ... (8-bit, the data's channels and size). */
    @Override
    public void writeSamples(double[][] samples, Path dir) {
        Path folder = Outputs.prepareDir(dir.resolve("samples"));
        for (int i = 0; i < samples.length; i++) {
            BufferedImage image = ImageGrid.single(pixels(samples[i]), (int) shape[0], (int) shape[1], (int) shape[2]);
            Outputs.writePng(image, folder.resolve(String.format(Locale.ROOT, "%05d.png", i)));
        }
    }

    private byte[] pixels(double[] row) {
        byte[] p = new byte[row.length];
        for (int k = 0; k < row.length; k++) {
            p[k] = (byte) scaling.toPixel(Double.isFinite(row[k]) ? row[k] : 0);
        }
        return p;
    }
}
