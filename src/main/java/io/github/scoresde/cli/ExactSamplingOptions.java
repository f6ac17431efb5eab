package io.github.scoresde.cli;

import ai.djl.ndarray.NDManager;
import io.github.scoresde.UserInputException;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.Constraint;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sde.Sde;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the conditional commands ({@code generate}, {@code inpaint}): the mixture, its
 * SDE and a sampler, as {@code sample} takes them; for images, the sampler and the helpers below.
 */
final class ExactSamplingOptions {
    @Mixin
    RunOptions run;

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
        samplerOptions.settings(); // a bad sampler knob is a user error before anything is written
        return new Chosen(model, Mixtures.byNameOrFile(model), s);
    }

    /** The run for {@code model}, compared with {@code truth}. */
    SampleRun.Request request(String title, Function<NDManager, ScoreModel> model, Truth truth, Sde s) {
        return new SampleRun.Request(title, model, truth, s, sampler, samplerOptions.settings(), steps,
                eps == null ? Double.NaN : eps, n, seed, float64);
    }

    /**
     * Checks --out (default runs/{@code command}) before any work, runs {@code request} with
     * {@code constraint}, adds {@code key}: {@code record} to metrics.json, writes the outputs and
     * prints one line: the title, the summary, {@code extra} of the quality metrics, the folder.
     */
    void runAndWrite(CommandSpec spec, String command, SampleRun.Request request, Constraint constraint, String key, Object record,
            Function<Map<?, ?>, String> extra) {
        Path dir = Outputs.prepareDir(out != null ? out : Path.of("runs", command));
        run.applyThreads();
        Progress progress = new Progress(spec.commandLine().getErr(), sampler.cliName());
        SampleRun.Result result = SampleRun.run(request, progress, constraint);
        progress.finish();
        result.metrics().put(key, record);
        SampleRun.write(request, result, dir);
        spec.commandLine().getOut().printf("%s: %s%s -> %s%n", request.title(), SampleRun.summary(result),
                extra.apply((Map<?, ?>) result.metrics().get("metrics")), dir);
    }

    /**
     * The image commands' share: {@code --n} when given (at least 1), else {@code fallback}, since a
     * picture of a few images is the default there rather than the mixtures' 10,000 points.
     */
    int imagesOr(CommandSpec spec, int fallback) {
        if (!spec.commandLine().getParseResult().hasMatchedOption("--n")) {
            return fallback;
        }
        if (n < 1) {
            throw new UserInputException("--n must be >= 1, got " + n);
        }
        return n;
    }

    /** The trained image model in {@code checkpoint}, with this run's threads applied. */
    ModelTarget imageModel(Path checkpoint) {
        ModelOptions model = new ModelOptions();
        model.checkpoint = checkpoint;
        ModelTarget t = model.resolve();
        run.applyThreads();
        return t;
    }

    /** {@code --out}, or {@code runs/<command>}. */
    Path outOr(String command) {
        return out != null ? out : Path.of("runs", command);
    }
}
