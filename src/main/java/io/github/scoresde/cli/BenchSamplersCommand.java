package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.plot.Grid;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sample.SamplerSettings;
import io.github.scoresde.sample.StepListener;
import io.github.scoresde.sde.Sde;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code scoresde bench samplers}: every SDE x sampler x step count on an exact mixture: NFE,
 * samples/s, the share of time spent outside the model call, and sliced W2 to the truth.
 */
@Command(name = "samplers", mixinStandardHelpOptions = true,
        description = {"Quality and speed of every sampler under every SDE on an exact mixture.",
            "Writes samplers.csv, samplers.md and samplers.png (sliced W2 vs NFE) to --out."})
final class BenchSamplersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--model", paramLabel = "NAME|FILE.json", defaultValue = "gmm8", description = "Mixture (default gmm8).")
    String model;

    @Option(names = "--sdes", split = ",", paramLabel = "SDE", defaultValue = "ve,vp,subvp,edm",
            description = "SDEs to run (default ve,vp,subvp,edm).")
    List<SdeChoice> sdes;

    @Option(names = "--samplers", split = ",", paramLabel = "S",
            description = "Samplers to run (default all: ${COMPLETION-CANDIDATES}).")
    List<SamplerKind> samplers = List.of(SamplerKind.values());

    @Option(names = "--steps", split = ",", paramLabel = "N", defaultValue = "10,20,50,100,1000",
            description = "Step counts (default 10,20,50,100,1000).")
    List<Integer> steps;

    @Option(names = "--rtols", split = ",", paramLabel = "TOL", defaultValue = "1e-2,1e-3,1e-4,1e-5",
            description = "Tolerances for the adaptive ode sampler, which has no step count (default 1e-2,1e-3,1e-4,1e-5).")
    List<Double> rtols;

    @Option(names = "--n", paramLabel = "N", defaultValue = "10000", description = "Samples per run (default 10000).")
    int n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default 0).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/bench", description = "Output folder (default runs/bench).")
    Path out;

    /** One benchmark row. */
    private record Row(String sde, String sampler, int steps, double rtol, int nfe, double wall, double modelSeconds,
            double slicedW2, double floor, double modeError) {
        double samplerShare() {
            return 1 - modelSeconds / wall;
        }
    }

    @Override
    public Integer call() {
        if (n < 2 || steps.stream().anyMatch(s -> s < 1) || rtols.stream().anyMatch(r -> !(r > 0 && r < 1))) {
            throw new UserInputException("--n must be >= 2, --steps >= 1 and --rtols in (0, 1)");
        }
        GaussianMixture mixture = Mixtures.byNameOrFile(model);
        Path dir = Outputs.prepareDir(out);
        run.applyThreads(1);
        PrintWriter err = spec.commandLine().getErr();
        List<Row> rows = new ArrayList<>();
        for (SdeChoice choice : sdes) {
            Sde sde = choice.create(new SdeOptions());
            for (SamplerKind kind : samplers) {
                for (Map.Entry<Integer, Double> level : levels(kind)) {
                    if (level.getKey() < kind.minSteps()) {
                        err.println("skip " + kind + " at N = " + level.getKey() + ": needs N >= " + kind.minSteps());
                        continue;
                    }
                    SamplerSettings settings = Double.isNaN(level.getValue()) ? SamplerSettings.defaults()
                            : SamplerSettings.defaults().withTolerances(level.getValue(), level.getValue());
                    var request = SampleRun.exact(model, mixture, sde, kind, settings, level.getKey(), Double.NaN, n, seed, false);
                    SampleRun.Result result;
                    try {
                        result = SampleRun.run(request, StepListener.NONE);
                    } catch (UserInputException unsupported) {
                        err.println("skip " + kind + " under " + sde.name() + ": not defined for this SDE");
                        break;
                    }
                    Row row = row(sde, kind, level, result.metrics());
                    rows.add(row);
                    err.printf(Locale.ROOT, "%-6s %-18s N=%-5d nfe=%-5d %.2fs sampler share %4.1f%% sliced W2 %.4f%n",
                            row.sde(), row.sampler(), row.steps(), row.nfe(), row.wall(), 100 * row.samplerShare(), row.slicedW2());
                }
            }
        }
        writeCsv(dir.resolve("samplers.csv"), rows);
        Outputs.writeText(dir.resolve("samplers.md"), markdown(rows));
        plot(dir.resolve("samplers.png"), rows);
        spec.commandLine().getOut().println("wrote " + dir.resolve("samplers.csv") + ", samplers.md and samplers.png");
        return 0;
    }

    /** Step counts, or for the adaptive solver the tolerances (at the default 1000-step denoising chain). */
    private List<Map.Entry<Integer, Double>> levels(SamplerKind kind) {
        List<Map.Entry<Integer, Double>> out = new ArrayList<>();
        if (kind.adaptive()) {
            rtols.forEach(r -> out.add(Map.entry(1000, r)));
        } else {
            steps.forEach(s -> out.add(Map.entry(s, Double.NaN)));
        }
        return out;
    }

    private static Row row(Sde sde, SamplerKind kind, Map.Entry<Integer, Double> level, Map<String, Object> m) {
        Map<?, ?> q = (Map<?, ?>) m.get("metrics");
        return new Row(sde.name(), kind.cliName(), level.getKey(), level.getValue(), (Integer) m.get("nfe"),
                (Double) m.get("wall_seconds"), (Double) m.get("model_seconds"), number(q.get("sliced_w2")),
                number(q.get("sliced_w2_noise_floor")), number(q.get("mode_weight_max_error")));
    }

    private static double number(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    private void writeCsv(Path file, List<Row> rows) {
        StringBuilder b = new StringBuilder("sde,sampler,steps,rtol,nfe,wall_seconds,samples_per_second,model_seconds,"
                + "sampler_share,sliced_w2,sliced_w2_noise_floor,mode_weight_max_error\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%.4f,%.1f,%.4f,%.4f,%.5f,%.5f,%.5f%n", r.sde(), r.sampler(),
                    r.steps(), Double.isNaN(r.rtol()) ? "" : Double.toString(r.rtol()), r.nfe(), r.wall(), n / r.wall(),
                    r.modelSeconds(), r.samplerShare(), r.slicedW2(), r.floor(), r.modeError()));
        }
        Outputs.writeText(file, b.toString());
    }

    private String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder("# Sampler benchmark: " + model + ", n = " + n + ", seed " + seed + "\n\n");
        b.append("Threads: ").append(System.getProperty("ai.djl.pytorch.num_threads")).append(". Sampler share = fraction of ")
                .append("wall time spent outside the model call. Sliced W2 is against exact samples of the same size; ")
                .append("the noise floor (two exact sets) is ")
                .append(String.format(Locale.ROOT, "%.3f", rows.stream().mapToDouble(Row::floor).average().orElse(Double.NaN)))
                .append(".\n\n| sde | sampler | steps | rtol | NFE | samples/s | sampler share | sliced W2 | mode-weight error |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %d | %.0f | %.1f%% | %.4f | %.4f |%n", r.sde(),
                    r.sampler(), r.steps(), Double.isNaN(r.rtol()) ? "" : String.format(Locale.ROOT, "%.0e", r.rtol()),
                    r.nfe(), n / r.wall(), 100 * r.samplerShare(), r.slicedW2(), r.modeError()));
        }
        return b.toString();
    }

    /** One log-log panel of sliced W2 against NFE per SDE, a series per sampler plus the noise floor. */
    private void plot(Path file, List<Row> rows) {
        List<BufferedImage> panels = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        Map<String, List<Row>> bySde = new LinkedHashMap<>();
        rows.forEach(r -> bySde.computeIfAbsent(r.sde(), k -> new ArrayList<>()).add(r));
        List<String> names = samplers.stream().map(SamplerKind::cliName).collect(Collectors.toList());
        for (Map.Entry<String, List<Row>> e : bySde.entrySet()) {
            Map<String, double[][]> series = new LinkedHashMap<>();
            for (String sampler : names) {
                List<Row> runs = e.getValue().stream().filter(r -> r.sampler().equals(sampler))
                        .sorted((a, b) -> Integer.compare(a.nfe(), b.nfe())).collect(Collectors.toList());
                series.put(sampler, new double[][] {runs.stream().mapToDouble(Row::nfe).toArray(),
                    runs.stream().mapToDouble(Row::slicedW2).toArray()});
            }
            double floor = e.getValue().stream().mapToDouble(Row::floor).average().orElse(Double.NaN);
            panels.add(NfePanel.render("sliced W2 vs NFE, " + e.getKey() + " SDE", "NFE", "sliced W2 to exact samples", names, series,
                    "noise floor", floor));
            captions.add(e.getKey());
        }
        try {
            Grid.write(panels, captions, 2, file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
