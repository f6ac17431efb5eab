package io.github.scoresde.train.data;

import io.github.scoresde.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Image data by name: {@code mnist} and {@code fashion-mnist} (training split; {@code mnist:test},
 * {@code fashion-mnist:test} for the test split) and the colour crops {@code photos}
 * ({@link PhotoCrops}) from the data cache, or a folder of PNG images
 * ({@link PngFolder}). All in [-1, 1] ({@link PixelScaling#SYMMETRIC}).
 *
 * <p>The cache is the system property {@code scoresde.data}, else the environment variable
 * {@code SCORESDE_DATA}, else {@code ~/.cache/scoresde/data}; {@code scoresde data fetch} fills it.
 */
public final class ImageDataSets {
    private ImageDataSets() {}

    /** A known set and split parsed from a name such as {@code mnist:test}. */
    private record Split(KnownImageSet set, boolean test) {}

    /** The data cache folder from the property, the environment or the default. */
    public static Path cacheDir() {
        String property = System.getProperty("scoresde.data");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("SCORESDE_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "scoresde", "data");
    }

    /**
     * Whether a data name means image data: a known set (with or without a split) or an existing
     * folder. Other names are left to the toy data and mixtures, so a toy name never reaches here.
     */
    public static boolean isImageName(String name) {
        return KnownImageSet.byName(setPart(name)).isPresent() || PhotoCrops.isName(name) || Files.isDirectory(Path.of(name))
                || PngFolder.isPngFile(Path.of(name));
    }

    /** {@link #load(String, Path)} from {@link #cacheDir()}. */
    public static ImageData load(String name) {
        return load(name, cacheDir());
    }

    /**
     * The images of a name.
     *
     * @param cacheDir where fetched sets live
     * @throws UserInputException if the name is unknown, the set is not fetched, or its files are bad
     */
    public static ImageData load(String name, Path cacheDir) {
        if (PhotoCrops.isName(name)) {
            return PhotoCrops.load(name, cacheDir);
        }
        Optional<Split> split = split(name);
        if (split.isEmpty()) {
            if (!Files.isDirectory(Path.of(name)) && !PngFolder.isPngFile(Path.of(name))) {
                throw new UserInputException("unknown image data '" + name + "': use " + String.join(", ", KnownImageSet.names())
                        + " (add :test for the test split), a folder of .png images or one .png file");
            }
            return PngFolder.load(Path.of(name), PixelScaling.SYMMETRIC);
        }
        KnownImageSet set = split.get().set();
        Path dir = cacheDir.resolve(set.cliName());
        Path images = dir.resolve(set.images(split.get().test()));
        Path labelFile = dir.resolve(set.labels(split.get().test()));
        if (!Files.isRegularFile(images) || !Files.isRegularFile(labelFile)) {
            throw new UserInputException(set.cliName() + " is not in " + cacheDir + ": run `scoresde data fetch " + set.cliName()
                    + "` first");
        }
        IdxFile.Images idx = IdxFile.readImages(images);
        int[] labels = IdxFile.readLabels(labelFile);
        if (labels.length != idx.count()) {
            throw new UserInputException(labelFile + " has " + labels.length + " labels for the " + idx.count() + " images of "
                    + images + ": fetch " + set.cliName() + " again");
        }
        for (int label : labels) {
            if (label >= set.classNames().size()) {
                throw new UserInputException(labelFile + " has label " + label + " but " + set.cliName() + " has "
                        + set.classNames().size() + " classes: fetch it again");
            }
        }
        return new ImageData(idx.pixels(), 1, idx.height(), idx.width(), labels, set.classNames(), PixelScaling.SYMMETRIC);
    }

    private static Optional<Split> split(String name) {
        Optional<KnownImageSet> set = KnownImageSet.byName(setPart(name));
        if (set.isEmpty()) {
            return Optional.empty();
        }
        String rest = name.substring(setPart(name).length());
        if (!rest.isEmpty() && !rest.equals(":train") && !rest.equals(":test")) {
            throw new UserInputException("unknown split '" + rest.substring(1) + "' in " + name + ": use " + set.get().cliName()
                    + ":train or " + set.get().cliName() + ":test");
        }
        return Optional.of(new Split(set.get(), rest.equals(":test")));
    }

    private static String setPart(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
