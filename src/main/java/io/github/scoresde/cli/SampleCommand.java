package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.train.Checkpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scoresde sample}: sample a model with any sampler and compare with the truth. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample a model with any SDE and sampler; writes samples.csv, samples.png and metrics.json.",
            "Example: scoresde sample --model gmm8 --sde vp --sampler pc --steps 1000 --n 10000 --seed 0 --out runs/sample"})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--model", paramLabel = "NAME|FILE.json", defaultValue = "gmm8",
            description = "A built-in mixture (gmm8, grid25, aniso16) or a mixture JSON file (default gmm8).")
    String model;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Sample a trained model (its EMA weights, SDE and data come from the checkpoint) instead of --model.")
    Path checkpoint;

    @Option(names = "--sde", paramLabel = "SDE", description = "${COMPLETION-CANDIDATES} (default vp; with --checkpoint: the trained one).")
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

    @Option(names = "--n", paramLabel = "N", description = "Number of samples (default 10000 points, or 64 images).")
    Integer n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default 0).")
    long seed;

    @Option(names = "--double", description = "Sample in float64 (default float32).")
    boolean float64;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/sample", description = "Output folder (default runs/sample).")
    Path out;

    /** A request for a trained model; its network is rebuilt inside the run's manager. */
    private SampleRun.Request trained() {
        Checkpoint file = Checkpoint.read(checkpoint);
        TrainConfig config = Setup.config(file, checkpoint);
        Sde trainedSde = Setup.trainedSde(config, sde);
        Truth truth = Setup.truth(file, checkpoint);
        return new SampleRun.Request(config.data() + " (" + checkpoint.getFileName() + ")", m -> Setup.load(file, checkpoint, m),
                truth, trainedSde, sampler, samplerOptions.settings(), steps, eps == null ? Double.NaN : eps,
                n != null ? n : truth.defaultSampleCount(), seed, float64);
    }

    @Override
    public Integer call() {
        if (steps < 1) {
            throw new UserInputException("--steps must be >= 1, got " + steps);
        }
        if (n != null && n < 2) {
            throw new UserInputException("--n must be >= 2, got " + n);
        }
        if (eps != null && !(eps > 0)) {
            throw new UserInputException("--eps must be > 0, got " + eps);
        }
        var request = checkpoint != null ? trained() : SampleRun.exact(model, Mixtures.byNameOrFile(model),
                (sde == null ? SdeChoice.VP : sde).create(sdeOptions), sampler, samplerOptions.settings(),
                steps, eps == null ? Double.NaN : eps, n != null ? n : PointTruth.DEFAULT_SAMPLES, seed, float64);
        if (eps != null && !(eps < request.sde().tMax())) {
            throw new UserInputException("--eps must be below T = " + request.sde().tMax() + ", got " + eps);
        }
        request.schedule(); // refuses too few steps and grids the sampler cannot take before anything is written
        Path dir = Outputs.prepareDir(out);
        run.applyThreads();
        Progress progress = new Progress(spec.commandLine().getErr(), sampler.cliName());
        SampleRun.Result result = SampleRun.run(request, progress);
        progress.finish();
        SampleRun.write(request, result, dir);
        spec.commandLine().getOut().printf("%s: %s -> %s%n", request.title(), SampleRun.summary(result), dir);
        return 0;
    }
}
