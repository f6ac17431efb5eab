package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options that {@code superres} and {@code deblur} share: images, methods and their knobs. */
final class RestorationOptions {
    /** Exactly one source of originals. */
    static final class Source {
        @Option(names = "--data", paramLabel = "D", required = true,
                description = "Image set (mnist, mnist:test, fashion-mnist, fashion-mnist:test) or a folder of .png images;"
                        + " the first --n images are degraded and restored.")
        String data;

        @Option(names = "--image", paramLabel = "I.png", required = true, description = "One image to degrade and restore.")
        Path image;

        String name() {
            return data != null ? data : image.toString();
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--n", paramLabel = "N", defaultValue = "8", description = "Images restored (default 8).")
    int n;

    @Option(names = "--method", paramLabel = "M", split = ",", defaultValue = "ilvr,ddrm,ccdf",
            description = "Comma-separated methods: ilvr, ddrm, ccdf (default all three).")
    List<SuperresMethod> methods;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100",
            description = "Time points of ILVR and DDRM; CCDF takes the share of them in [eps, t0] (default 100).")
    int steps;

    @Option(names = "--sigma-y", paramLabel = "S", defaultValue = "0",
            description = "Standard deviation of the Gaussian noise added to the measurements, in data units (default 0).")
    double sigmaY;

    @Option(names = "--eta", paramLabel = "E", defaultValue = "0.85", description = "DDRM's stochasticity in [0, 1] (default 0.85).")
    double eta;

    @Option(names = "--t0", paramLabel = "T", defaultValue = "0.5", description = "CCDF's start time in (0, T] (default 0.5).")
    double t0;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed of the noise (default 0).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    /** One clear line for a value out of range. */
    void check(double tMax) {
        if (n < 1) {
            throw new UserInputException("--n must be >= 1, got " + n);
        }
        if (steps < 2) {
            throw new UserInputException("--steps must be >= 2, got " + steps);
        }
        if (!(sigmaY >= 0)) {
            throw new UserInputException("--sigma-y must be >= 0, got " + sigmaY);
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new UserInputException("--eta must be in [0, 1], got " + eta);
        }
        if (!(t0 > 0 && t0 <= tMax)) {
            throw new UserInputException("--t0 must be in (0, " + tMax + "], got " + t0);
        }
        if (methods.isEmpty() || methods.stream().distinct().count() != methods.size()) {
            throw new UserInputException("--method must name each of ilvr, ddrm, ccdf at most once, got " + methods);
        }
    }

    SuperresMethod.Knobs knobs() {
        return new SuperresMethod.Knobs(steps, eta, t0);
    }
}
