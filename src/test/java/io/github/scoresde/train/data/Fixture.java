package io.github.scoresde.train.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The 256-image MNIST fixture (src/test/resources/data/mnist-fixture) copied to a folder. */
final class Fixture {
    static final String IMAGES = "train-images-idx3-ubyte.gz";
    static final String LABELS = "train-labels-idx1-ubyte.gz";

    /** Labels of the first ten fixture images, and the pixel sum of the first image, read by Python from the source files. */
    static final int[] FIRST_LABELS = {1, 2, 2, 1, 3, 7, 0, 4, 2, 5};
    static final long FIRST_IMAGE_SUM = 19299;

    private Fixture() {}

    /** Copies a fixture file into {@code dir} under {@code name}. */
    static Path copy(String file, Path dir, String name) {
        try (InputStream in = Fixture.class.getResourceAsStream("/data/mnist-fixture/" + file)) {
            Path out = dir.resolve(name);
            Files.createDirectories(dir);
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
