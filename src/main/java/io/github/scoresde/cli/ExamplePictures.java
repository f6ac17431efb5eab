package io.github.scoresde.cli;

import io.github.scoresde.plot.ImageGrid;
import io.github.scoresde.train.data.PixelScaling;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Pictures of flattened image examples (data, reconstructions, latents) for the flow commands. */
final class ExamplePictures {
    /** At most this many examples go into a picture. */
    static final int MAX = 64;

    private ExamplePictures() {}

    /**
     * A grid of examples, 2x upscaled.
     *
     * @param rows flattened examples, each C x H x W values
     * @param shape [C, H, W]
     * @param scaling maps values to pixels; values outside its range are clamped, non-finite ones shown as its low end
     * @param columns images per row
     * @param captions one per example, or empty
     */
    static BufferedImage grid(List<double[]> rows, long[] shape, PixelScaling scaling, int columns, List<String> captions) {
        List<byte[]> images = new ArrayList<>();
        for (double[] row : rows) {
            byte[] p = new byte[row.length];
            for (int k = 0; k < row.length; k++) {
                p[k] = (byte) scaling.toPixel(Double.isFinite(row[k]) ? row[k] : scaling.low());
            }
            images.add(p);
        }
        return ImageGrid.of(images, (int) shape[0], (int) shape[1], (int) shape[2], columns, 2, captions);
    }

    /** A square-ish grid of the first {@link #MAX} examples. */
    static BufferedImage grid(double[][] rows, long[] shape, PixelScaling scaling) {
        int n = Math.min(rows.length, MAX);
        return grid(List.of(rows).subList(0, n), shape, scaling, (int) Math.ceil(Math.sqrt(n)), List.of());
    }
}
