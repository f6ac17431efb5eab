package io.github.scoresde.train.data;

import io.github.scoresde.UserInputException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Loads every {@code .png} under a folder as {@link ImageData}, in order of relative path so that
 * the result does not depend on the file system. When every image lies in a subfolder, the
 * top-level subfolder names are the classes (torchvision's ImageFolder convention), numbered in
 * sorted order; otherwise there are no labels. A folder of gray images (all three channels equal
 * in every pixel, or a gray PNG) gives C = 1; any colour gives C = 3. Alpha is ignored.
 */
public final class PngFolder {
    private PngFolder() {}

    /** One decoded image: RGB planes, and whether all three are equal. */
    private record Decoded(byte[] rgb, boolean gray) {}

    /** Whether {@code path} is a single PNG file, which loads as a set of one image. */
    public static boolean isPngFile(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }

    /**
     * The images under {@code folder}, or the one image if it is a PNG file.
     *
     * @throws UserInputException if the folder is missing or holds no PNG, a PNG cannot be read,
     *     or the images differ in size
     */
    public static ImageData load(Path folder, PixelScaling scaling) {
        List<Path> files = pngFiles(folder);
        if (files.isEmpty()) {
            throw new UserInputException("no .png images under " + folder + ": give a folder of PNG files");
        }
        boolean classified = !isPngFile(folder) && files.stream().allMatch(f -> folder.relativize(f).getNameCount() > 1);
        List<String> classes = classified
                ? List.copyOf(files.stream().map(f -> folder.relativize(f).getName(0).toString())
                        .collect(Collectors.toCollection(TreeSet::new)))
                : List.of();
        BufferedImage first = read(files.get(0));
        int height = first.getHeight();
        int width = first.getWidth();
        int plane = height * width;
        byte[] rgb = new byte[files.size() * 3 * plane];
        int[] labels = classified ? new int[files.size()] : null;
        boolean allGray = true;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            BufferedImage img = i == 0 ? first : read(file);
            if (img.getWidth() != width || img.getHeight() != height) {
                throw new UserInputException("image " + file + " is " + img.getWidth() + "x" + img.getHeight() + " but "
                        + files.get(0) + " is " + width + "x" + height + ": all images must have the same size");
            }
            Decoded d = decode(img);
            System.arraycopy(d.rgb(), 0, rgb, i * 3 * plane, 3 * plane);
            allGray &= d.gray();
            if (classified) {
                labels[i] = classes.indexOf(folder.relativize(file).getName(0).toString());
            }
        }
        return new ImageData(allGray ? firstPlanes(rgb, files.size(), plane) : rgb, allGray ? 1 : 3, height, width, labels,
                classes, scaling);
    }

    private static List<Path> pngFiles(Path folder) {
        if (isPngFile(folder)) {
            return List.of(folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new UserInputException("image folder " + folder + " does not exist or is not a folder");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted((a, b) -> folder.relativize(a).toString().compareTo(folder.relativize(b).toString()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new UserInputException("cannot decode " + file + " as PNG: replace or remove it");
            }
            return img;
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + " (" + e.getMessage() + "): replace or remove it", e);
        }
    }

    /**
     * RGB planes of an image. Gray PNGs are read from the raster: {@code getRGB} would convert
     * their linear gray colour space to sRGB and change the values.
     */
    private static Decoded decode(BufferedImage img) {
        int plane = img.getWidth() * img.getHeight();
        byte[] rgb = new byte[3 * plane];
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        if (cm.getNumColorComponents() == 1 && !(cm instanceof IndexColorModel)) {
            int shift = cm.getComponentSize(0) - 8;
            for (int y = 0, k = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++, k++) {
                    int s = raster.getSample(x, y, 0);
                    byte v = (byte) (shift >= 0 ? s >> shift : s * 255 / ((1 << cm.getComponentSize(0)) - 1));
                    rgb[k] = v;
                    rgb[plane + k] = v;
                    rgb[2 * plane + k] = v;
                }
            }
            return new Decoded(rgb, true);
        }
        boolean gray = true;
        for (int y = 0, k = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++, k++) {
                int p = img.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                rgb[k] = (byte) r;
                rgb[plane + k] = (byte) g;
                rgb[2 * plane + k] = (byte) b;
                gray &= r == g && g == b;
            }
        }
        return new Decoded(rgb, gray);
    }

    /** The red plane of each image (all planes are equal for gray images). */
    private static byte[] firstPlanes(byte[] rgb, int count, int plane) {
        byte[] gray = new byte[count * plane];
        for (int i = 0; i < count; i++) {
            System.arraycopy(rgb, i * 3 * plane, gray, i * plane, plane);
        }
        return gray;
    }
}
