package io.github.scoresde.plot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.train.data.PixelScaling;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of small images (data samples, model samples) at an integer upscale, separated by
 * white gutters, each optionally over a caption. Pixels are copied, never interpolated.
 */
public final class ImageGrid {
    /** Gutter between and around images, in pixels of the output. */
    public static final int GUTTER = 2;

    private ImageGrid() {}

    /**
     * A grid of images given in data units.
     *
     * @param images [N, C, H, W] with C = 1 or 3; read, not closed
     * @param scaling maps data values back to pixels (values outside its range are clamped)
     * @param columns images per row, at least 1
     * @param upscale output pixels per image pixel along each axis, at least 1
     * @param captions one per image, or empty for none
     */
    public static BufferedImage of(NDArray images, PixelScaling scaling, int columns, int upscale, List<String> captions) {
        long[] shape = images.getShape().getShape();
        if (shape.length != 4) {
            throw new IllegalArgumentException("images must be [N, C, H, W], got " + images.getShape());
        }
        float[] values = floats(images);
        int size = Math.toIntExact(shape[1] * shape[2] * shape[3]);
        List<byte[]> pixels = new ArrayList<>();
        for (int i = 0; i < shape[0]; i++) {
            byte[] p = new byte[size];
            for (int j = 0; j < size; j++) {
                p[j] = (byte) scaling.toPixel(values[i * size + j]);
            }
            pixels.add(p);
        }
        return of(pixels, (int) shape[1], (int) shape[2], (int) shape[3], columns, upscale, captions);
    }

    /**
     * A grid of 8-bit images.
     *
     * @param images each C x H x W bytes, channel-major then row-major
     * @param channels 1 (gray) or 3 (RGB)
     * @param columns images per row, at least 1 (fewer when there are fewer images)
     * @param upscale output pixels per image pixel along each axis, at least 1
     * @param captions one per image, or empty for none
     */
    public static BufferedImage of(List<byte[]> images, int channels, int height, int width, int columns, int upscale,
            List<String> captions) {
        if (images.isEmpty() || columns < 1 || upscale < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("need images, columns >= 1, upscale >= 1 and 1 or 3 channels; got "
                    + images.size() + " images, " + columns + " columns, upscale " + upscale + ", " + channels + " channels");
        }
        if (!captions.isEmpty() && captions.size() != images.size()) {
            throw new IllegalArgumentException(captions.size() + " captions for " + images.size() + " images");
        }
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int cellW = width * upscale;
        int cellH = height * upscale;
        int captionH = captions.isEmpty() ? 0 : captionHeight();
        BufferedImage out = new BufferedImage(cols * (cellW + GUTTER) + GUTTER, rows * (cellH + captionH + GUTTER) + GUTTER,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Chart.begin(out);
        try {
            g.setFont(Chart.TICK);
            g.setColor(Chart.TEXT);
            FontMetrics fm = g.getFontMetrics();
            int plane = height * width;
            for (int i = 0; i < images.size(); i++) {
                byte[] p = images.get(i);
                if (p.length != channels * plane) {
                    throw new IllegalArgumentException("image " + i + " has " + p.length + " bytes, expected " + channels * plane);
                }
                int x0 = GUTTER + (i % cols) * (cellW + GUTTER);
                int y0 = GUTTER + (i / cols) * (cellH + captionH + GUTTER);
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int k = y * width + x;
                        int r = p[k] & 0xff;
                        int rgb = channels == 1 ? r * 0x010101 : r << 16 | (p[plane + k] & 0xff) << 8 | (p[2 * plane + k] & 0xff);
                        fill(out, x0 + x * upscale, y0 + y * upscale, upscale, rgb);
                    }
                }
                if (captionH > 0) {
                    String caption = Chart.ellipsize(captions.get(i), fm, cellW + GUTTER);
                    g.drawString(caption, x0 + (cellW - fm.stringWidth(caption)) / 2, y0 + cellH + fm.getAscent());
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * One image at its own size, without gutters: 8-bit gray for one channel (written through the
     * raster, so a PNG of it reads back with the same values), RGB for three.
     *
     * @param pixels planar [C, H, W] bytes
     */
    public static BufferedImage single(byte[] pixels, int channels, int height, int width) {
        int plane = height * width;
        if ((channels != 1 && channels != 3) || pixels.length != channels * plane) {
            throw new IllegalArgumentException("need 1 or 3 channels and " + channels * plane + " bytes, got " + channels
                    + " channels and " + pixels.length + " bytes");
        }
        if (channels == 1) {
            BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            int[] values = new int[plane];
            for (int k = 0; k < plane; k++) {
                values[k] = pixels[k] & 0xff;
            }
            gray.getRaster().setSamples(0, 0, width, height, 0, values);
            return gray;
        }
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < plane; k++) {
            rgb.setRGB(k % width, k / width, (pixels[k] & 0xff) << 16 | (pixels[plane + k] & 0xff) << 8 | (pixels[2 * plane + k] & 0xff));
        }
        return rgb;
    }

    /** Writes a grid as PNG, creating parent folders. */
    public static void write(BufferedImage grid, Path png) throws IOException {
        Chart.writePng(grid, png);
    }

    /** The values as floats; a converted copy is closed at once. */
    private static float[] floats(NDArray images) {
        if (images.getDataType() == DataType.FLOAT32) {
            return images.toFloatArray();
        }
        try (NDArray converted = images.toType(DataType.FLOAT32, true)) {
            return converted.toFloatArray();
        }
    }

    private static int captionHeight() {
        Graphics2D probe = Chart.begin(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        try {
            return probe.getFontMetrics(Chart.TICK).getHeight();
        } finally {
            probe.dispose();
        }
    }

    private static void fill(BufferedImage out, int x0, int y0, int side, int rgb) {
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                out.setRGB(x, y, rgb);
            }
        }
    }
}
