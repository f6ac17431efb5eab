package io.github.scoresde.testing;

import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.ImageDataSets;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The 256-image MNIST and Fashion-MNIST fixtures (src/test/resources/data/) as a data cache that
 * {@link ImageDataSets} reads under the names mnist and fashion-mnist (training split only), and
 * images written out as PNG folders.
 */
public final class EvalFixtures {
    private EvalFixtures() {}

    /** A data cache in {@code dir} holding the two fixtures as the training splits of mnist and fashion-mnist. */
    public static Path cache(Path dir) {
        // MNIST's files are named without .gz in the cache (the reader detects gzip by its magic bytes).
        copy("mnist-fixture/train-images-idx3-ubyte.gz", dir.resolve("mnist/train-images-idx3-ubyte"));
        copy("mnist-fixture/train-labels-idx1-ubyte.gz", dir.resolve("mnist/train-labels-idx1-ubyte"));
        copy("fashion-mnist-fixture/train-images-idx3-ubyte.gz", dir.resolve("fashion-mnist/train-images-idx3-ubyte.gz"));
        copy("fashion-mnist-fixture/train-labels-idx1-ubyte.gz", dir.resolve("fashion-mnist/train-labels-idx1-ubyte.gz"));
        return dir;
    }

    /** The images of a fixture ({@code mnist} or {@code fashion-mnist}) loaded through a cache in {@code dir}. */
    public static ImageData load(String name, Path dir) {
        return ImageDataSets.load(name, cache(dir));
    }

    /**
     * Writes images [from, to) of a gray set as {@code dir/00000.png ...}, or into one subfolder per
     * label ({@code dir/3/00007.png}) when {@code byClass}.
     */
    public static Path pngFolder(ImageData images, int from, int to, Path dir, boolean byClass) {
        int[] labels = images.labels().orElse(null);
        int h = (int) images.exampleShape()[1];
        int w = (int) images.exampleShape()[2];
        try {
            for (int i = from; i < to; i++) {
                Path folder = byClass ? dir.resolve(Integer.toString(labels[i])) : dir;
                Files.createDirectories(folder);
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                byte[] p = images.pixels(i);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        img.getRaster().setSample(x, y, 0, p[y * w + x] & 0xff);
                    }
                }
                ImageIO.write(img, "png", folder.resolve(String.format(Locale.ROOT, "%05d.png", i)).toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Runs {@code body} with the system property scoresde.data set to {@code cache}, restoring it after. */
    public static void withCache(Path cache, Runnable body) {
        String before = System.getProperty("scoresde.data");
        System.setProperty("scoresde.data", cache.toString());
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty("scoresde.data");
            } else {
                System.setProperty("scoresde.data", before);
            }
        }
    }

    private static void copy(String resource, Path to) {
        try (InputStream in = EvalFixtures.class.getResourceAsStream("/data/" + resource)) {
            Files.createDirectories(to.getParent());
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
