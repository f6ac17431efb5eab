package io.github.scoresde.cli;

import ai.djl.ndarray.NDManager;
import io.github.scoresde.UserInputException;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sde.Sde;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the conditional commands on an exact mixture ({@code generate}, {@code
 * inpaint}): the mixture, its SDE and a sampler, as {@code sample} takes them.
 */
final class ExactSamplingOptions {
    @Option(names = "--model", paramLabel = "NAME|FILE.json", defaultValue = "gmm8",
            description = "A built-in mixture (gmm8, grid25, aniso16) or a mixture JSON file (default gmm8).")
    String model;

    @Option(names = "--sde", paramLabel = "SDE", defaultValue = "vp", description = "${COMPLETION-CANDIDATES} (default vp).")
    SdeChoice sde;

    @Mixin
    SdeOptions sdeOptions;

    @Option(names = "--sampler", paramLabel = "S", defaultValue = "pc", description = "${COMPLETION-CANDIDATES} (default pc).")
    SamplerKind sampler;

    @Mixin
    SamplerOptions samplerOptions;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Time steps N (default 1000).")
    int steps;

    @Option(names = "--eps", paramLabel = "T", description = "End time of sampling (default: 1e-5 ve, 1e-3 vp/subvp, sigma-min edm).")
    Double eps;

    @Option(names = "--n", paramLabel = "N", defaultValue = "10000", description = "Number of samples (default 10000).")
    int n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default 0).")
    long seed;

    @Option(names = "--double", description = "Sample in float64 (default float32).")
    boolean float64;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default runs/<command>).")
    Path out;

    /** What was chosen, checked: one clear line for a bad count, time or mixture. */
    record Chosen(String name, GaussianMixture mixture, Sde sde) {}

    Chosen resolve() {
        if (steps < 1) {
            throw new UserInputException("--steps must be >= 1, got " + steps);
        }
        if (n < 2) {
            throw new UserInputException("--n must be >= 2, got " + n);
        }
        Sde s = sde.create(sdeOptions);
        if (eps != null && !(eps > 0 && eps < s.tMax())) {
            throw new UserInputException("--eps must be in (0, T = " + s.tMax() + "), got " + eps);
        }
        samplerOptions.settings();
        return new Chosen(model, Mixtures.byNameOrFile(model), s);
    }

    /** The run for {@code model}, compared with {@code truth}. */
    SampleRun.Request request(String title, Function<NDManager, ScoreModel> model, Truth truth, Sde s) {
        return new SampleRun.Request(title, model, truth, s, sampler, samplerOptions.settings(), steps,
                eps == null ? Double.NaN : eps, n, seed, float64);
    }

    /** The output folder: --out, or runs/{@code command}. */
    Path outDir(String command) {
        return out != null ? out : Path.of("runs", command);
    }
}
