package io.github.scoresde.cli;

import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.plot.Grid;
import io.github.scoresde.plot.ScatterPlot;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sample.SamplerSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code scoresde demo}: samples the 8-Gaussian mixture from its exact score under the VE, VP
 * and sub-VP SDEs with the predictor-corrector sampler and writes one folder per SDE, a picture
 * of all of them beside the exact samples, and a summary table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Sample the 8-Gaussian mixture with its exact score under ve, vp and subvp.",
            "Writes runs/demo/<sde>/{samples.csv,samples.png,metrics.json}, runs/demo/demo.png and runs/demo/summary.md."})
final class DemoCommand implements Callable<Integer> {
    private static final List<SdeChoice> SDES = List.of(SdeChoice.VE, SdeChoice.VP, SdeChoice.SUBVP);

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--sampler", paramLabel = "S", defaultValue = "pc", description = "${COMPLETION-CANDIDATES} (default pc).")
    SamplerKind sampler;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Time steps (default 1000).")
    int steps;

    @Option(names = "--n", paramLabel = "N", defaultValue = "10000", description = "Samples per SDE (default 10000).")
    int n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default 0).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo", description = "Output folder (default runs/demo).")
    Path out;

    @Override
    public Integer call() {
        if (steps < 1 || n < 2) {
            throw new io.github.scoresde.UserInputException("--steps must be >= 1 and --n >= 2, got " + steps + " and " + n);
        }
        Path dir = Outputs.prepareDir(out);
        run.applyThreads();
        GaussianMixture mixture = Mixtures.gmm8();
        PrintWriter err = spec.commandLine().getErr();
        List<BufferedImage> panels = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        StringBuilder summary = new StringBuilder("# scoresde demo: gmm8 from its exact score\n\n")
                .append("Sampler ").append(sampler).append(", ").append(steps).append(" steps, n = ").append(n)
                .append(", seed ").append(seed).append(".\n\n| sde | NFE | seconds | sliced W2 | noise floor | mode-weight error |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (SdeChoice choice : SDES) {
            var request = SampleRun.exact("gmm8", mixture, choice.create(new SdeOptions()), sampler,
                    SamplerSettings.defaults(), steps, Double.NaN, n, seed, false);
            Progress progress = new Progress(err, choice.cliName());
            SampleRun.Result result = SampleRun.run(request, progress);
            progress.finish();
            Path sub = Outputs.prepareDir(dir.resolve(choice.cliName()));
            SampleRun.write(request, result, sub);
            panels.add(SampleRun.picture(request, result));
            captions.add(choice.cliName());
            Map<?, ?> q = (Map<?, ?>) result.metrics().get("metrics");
            summary.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.4f | %.4f | %.4f |%n", choice.cliName(),
                    result.metrics().get("nfe"), (Double) result.metrics().get("wall_seconds"), q.get("sliced_w2"),
                    q.get("sliced_w2_noise_floor"), q.get("mode_weight_max_error")));
        }
        panels.add(0, ScatterPlot.builder().title("gmm8: exact samples").axisLabels("x0", "x1").equalAspect(true)
                .layer("exact", PointTruth.of(mixture).reference(n, seed), ScatterPlot.SAMPLE_BLUE).build().render());
        captions.add(0, "exact");
        try {
            Grid.write(panels, captions, 2, dir.resolve("demo.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Outputs.writeText(dir.resolve("summary.md"), summary.toString());
        spec.commandLine().getOut().print(summary);
        spec.commandLine().getOut().println("\nwrote " + dir.resolve("demo.png") + " and one folder per SDE");
        return 0;
    }
}
