package io.github.scoresde.train.data;

import io.github.scoresde.UserInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A small colour image set for colorization: 32 x 32 crops of the two photographs that Debian's
 * python3-sklearn ships (china.jpg and flower.jpg, 640 x 427; no CIFAR-10 is on the registries),
 * each photograph first halved to 320 x 213 by 2 x 2 box averages so that a crop holds whole
 * structures rather than texture. Training crops ({@code photos}) come from the left 80% of each
 * photograph, test crops ({@code photos:test}) from the right 20%, so they never overlap. The
 * crops are drawn with a fixed seed: the same files give the same set everywhere.
 */
public final class PhotoCrops {
    /** The set's command-line name. */
    public static final String NAME = "photos";
    /** Crop side in pixels. */
    public static final int SIZE = 32;
    /** Training crops (per photograph half of them). */
    public static final int TRAIN = 20_000;
    /** Test crops. */
    public static final int TEST = 1_000;
    private static final double TRAIN_SHARE = 0.8;

    /** The Debian package and the pinned photographs inside it. */
    static final Archive ARCHIVE = new Archive.DebianPackage("python3-sklearn=1.2.1+dfsg-1",
            "ca0c6be401d14871c7e93cfdd8d1f561595dc65e6e2ad2501d568aee7f7efc58",
            "usr/lib/python3/dist-packages/sklearn/datasets/images/");
    static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("china.jpg", "8378025ad2519d649d02e32bd98990db4ab572357d9f09841c2fbfbb4fefad29");
        FILES.put("flower.jpg", "a77f6ec41e353afdf8bdff2ea981b2955535d8d83294f8cfa49cf4e423dd5638");
    }

    private PhotoCrops() {}

    /** Whether {@code name} is this set, with or without a split. */
    static boolean isName(String name) {
        return name.equals(NAME) || name.equals(NAME + ":train") || name.equals(NAME + ":test");
    }

    /** Fetches the photographs into {@code cacheDir/photos}. */
    public static Path fetch(DataFetcher fetcher, Path cacheDir) {
        return fetcher.fetch(NAME, ARCHIVE, FILES, cacheDir.resolve(NAME));
    }

    /**
     * The crops of a split.
     *
     * @throws UserInputException if the photographs have not been fetched
     */
    static ImageData load(String name, Path cacheDir) {
        boolean test = name.endsWith(":test");
        Path dir = cacheDir.resolve(NAME);
        for (String file : FILES.keySet()) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new UserInputException(NAME + " is not in " + cacheDir + ": run `scoresde data fetch " + NAME + "` first");
            }
        }
        List<BufferedImage> photos = FILES.keySet().stream().map(f -> read(dir.resolve(f))).toList();
        return crops(photos, test, test ? TEST : TRAIN, test ? 2 : 1);
    }

    /**
     * {@code count} crops, alternating between the photographs, from the training (left) or test
     * (right) part of each halved photograph.
     */
    static ImageData crops(List<BufferedImage> photos, boolean test, int count, long seed) {
        int plane = SIZE * SIZE;
        byte[] pixels = new byte[count * 3 * plane];
        SplittableRandom random = new SplittableRandom(seed);
        List<int[][]> halved = photos.stream().map(PhotoCrops::halve).toList();
        for (int n = 0; n < count; n++) {
            int[][] rgb = halved.get(n % halved.size());
            int height = rgb.length;
            int width = rgb[0].length;
            int split = (int) Math.round(width * TRAIN_SHARE);
            int from = test ? split : 0;
            int to = (test ? width : split) - SIZE; // last left edge
            if (to < from || height < SIZE) {
                throw new IllegalArgumentException("photographs of " + width + "x" + height + " are too small for " + SIZE + "x"
                        + SIZE + " crops");
            }
            int x0 = from + random.nextInt(to - from + 1);
            int y0 = random.nextInt(height - SIZE + 1);
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int p = rgb[y0 + y][x0 + x];
                    int at = n * 3 * plane + y * SIZE + x;
                    pixels[at] = (byte) (p >> 16);
                    pixels[at + plane] = (byte) (p >> 8);
                    pixels[at + 2 * plane] = (byte) p;
                }
            }
        }
        return new ImageData(pixels, 3, SIZE, SIZE, null, List.of(), PixelScaling.SYMMETRIC);
    }

    /** The photograph at half size, each pixel the rounded mean of a 2 x 2 block, as packed RGB. */
    private static int[][] halve(BufferedImage image) {
        int h = image.getHeight() / 2;
        int w = image.getWidth() / 2;
        int[][] out = new int[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int p = image.getRGB(2 * x + dx, 2 * y + dy);
                        r += (p >> 16) & 0xff;
                        g += (p >> 8) & 0xff;
                        b += p & 0xff;
                    }
                }
                out[y][x] = ((r + 2) / 4) << 16 | ((g + 2) / 4) << 8 | (b + 2) / 4;
            }
        }
        return out;
    }

    private static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new UserInputException("cannot decode " + file + ": fetch " + NAME + " again");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
