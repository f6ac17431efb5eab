package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.ImageDataSets;
import io.github.scoresde.train.data.KnownImageSet;
import io.github.scoresde.train.data.PixelScaling;
import io.github.scoresde.train.data.PngFolder;
import io.github.scoresde.train.data.ToyData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * One side of {@code scoresde eval}: images (a data set, a PNG folder, or the samples folder of a
 * {@code sample} or {@code train} run) or points (a CSV file, the samples.csv of a run, or, as a
 * reference, a named mixture or toy set to draw from).
 */
sealed interface EvalInput {
    /** What {@code --samples} and {@code --reference} accept, for help texts. */
    String HELP = "An image set (mnist, mnist:test, fashion-mnist, fashion-mnist:test), a folder of .png images, the output folder"
            + " of scoresde sample or train (its samples/ folder or samples.csv), or a .csv of points (header row, one point per line).";

    /** The input as given on the command line. */
    String name();

    /** Images: the first {@code count} of a set. */
    record Images(String name, ImageData images, int count) implements EvalInput {}

    /** Points, one per row. */
    record Points(String name, double[][] rows) implements EvalInput {}

    /** A low-dimensional distribution by name (a mixture or toy set): the reference draws as many points as there are samples. */
    record Named(String name, PointTruth truth) implements EvalInput {}

    /**
     * Resolves a command-line value.
     *
     * @param option the option, for messages
     * @param limit the most images or points to use
     * @param allowNamed whether mixture and toy names are accepted (for the reference only)
     * @throws UserInputException if the value names nothing usable: an unknown name, an empty folder,
     *     a file that is not a CSV, a data set not fetched
     */
    static EvalInput resolve(String value, String option, int limit, boolean allowNamed) {
        Path path = Path.of(value);
        if (Files.isDirectory(path)) {
            if (Files.isDirectory(path.resolve("samples"))) {
                return images(value, PngFolder.load(path.resolve("samples"), PixelScaling.SYMMETRIC), limit);
            }
            if (Files.isRegularFile(path.resolve("samples.csv"))) {
                return points(value, path.resolve("samples.csv"), limit);
            }
            return images(value, PngFolder.load(path, PixelScaling.SYMMETRIC), limit);
        }
        if (Files.isRegularFile(path)) {
            if (!value.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                throw new UserInputException(option + " " + value + " is a file but not a .csv of points: " + HELP);
            }
            return points(value, path, limit);
        }
        if (ImageDataSets.isImageName(value)) {
            return images(value, ImageDataSets.load(value), limit);
        }
        if (allowNamed && (Mixtures.BUILT_IN.contains(value) || value.endsWith(".json") && Files.isRegularFile(path)
                || ToyData.generated(value).isPresent())) {
            return new Named(value, (PointTruth) Setup.truth(value));
        }
        throw new UserInputException("unknown " + option + " '" + value + "' (no such file, folder or data set): " + HELP
                + (allowNamed ? " The reference may also be " + String.join(", ", Mixtures.BUILT_IN) + ", "
                        + String.join(", ", ToyData.GENERATED) + " or a mixture .json." : ""));
    }

    /** The known data set this input names, if any (its shipped classifier is the default). */
    default Optional<KnownImageSet> knownSet() {
        int colon = name().indexOf(':');
        return KnownImageSet.byName(colon < 0 ? name() : name().substring(0, colon));
    }

    private static EvalInput images(String value, ImageData images, int limit) {
        return new Images(value, images, Math.min(limit, images.size()));
    }

    /** The points of a CSV file, with as many coordinates as its header has columns. */
    private static EvalInput points(String value, Path file, int limit) {
        String header;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            header = in.readLine();
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + " (" + e.getMessage() + ")");
        }
        int columns = header == null || header.isBlank() ? 1 : header.split(",", -1).length;
        return new Points(value, PointCsv.read(file, columns, limit));
    }
}
