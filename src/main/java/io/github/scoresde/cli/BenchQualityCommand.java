package io.github.scoresde.cli;

import ai.djl.ndarray.NDManager;
import io.github.scoresde.UserInputException;
import io.github.scoresde.eval.FrechetDistance;
import io.github.scoresde.eval.ImageClassifier;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.plot.Grid;
import io.github.scoresde.sample.Constraint;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sample.SamplerSettings;
import io.github.scoresde.sample.StepListener;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.train.Checkpoint;
import io.github.scoresde.train.data.ImageDataSets;
import io.github.scoresde.train.data.KnownImageSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scoresde bench quality}: sample quality against NFE for every sampler (issue 6 item 3).
 * For the exact mixtures the metric is {@link MixtureQuality}; each step count is chosen so that
 * the sampler's own NFE ({@link SamplerKind#nfe}) is nearest to each requested NFE, and the
 * adaptive ODE is run at tolerances instead (its NFE as measured). A trained image model
 * ({@code --checkpoint}) is scored by {@link ImageFid}; any {@link QualityMetric} can score a
 * {@link Problem}.
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = {"Sample quality vs NFE for every sampler on exact mixtures (gmm8, aniso16): sliced W2, within-mode variance"
                + " error and mode-weight error against exact samples, with their noise floors, and samples/s.",
            "Writes quality.csv, quality.md and quality.png (log-log, one panel per problem, SDE and metric) to --out."})
final class BenchQualityCommand implements Callable<Integer> {
    /** The samplers of the study: the classic SDE samplers, the adaptive ODE and the fast samplers. */
    static final String DEFAULT_SAMPLERS = "em,reverse-diffusion,pc,ode,edm-heun,edm-heun-churn,ddim,dpmpp-2m,dpmpp-3m";

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--problems", split = ",", paramLabel = "P", defaultValue = "gmm8,aniso16",
            description = "Exact mixtures: gmm8, grid25, aniso16 or FILE.json (default gmm8,aniso16).")
    List<String> problems;

    @Option(names = "--sdes", split = ",", paramLabel = "SDE", defaultValue = "vp,edm", description = "SDEs to run (default vp,edm).")
    List<SdeChoice> sdes;

    @Option(names = "--samplers", split = ",", paramLabel = "S", defaultValue = DEFAULT_SAMPLERS,
            description = "Samplers (default " + DEFAULT_SAMPLERS + "; any of ${COMPLETION-CANDIDATES}).")
    List<SamplerKind> samplers;

    @Option(names = "--nfe", split = ",", paramLabel = "NFE", defaultValue = "5,10,20,50,100,200,500,1000",
            description = "Target NFE per run; each sampler takes the step count whose NFE is nearest (default 5,10,20,50,100,200,500,1000).")
    List<Integer> nfe;

    @Option(names = "--rtols", split = ",", paramLabel = "TOL", defaultValue = "1e-1,1e-2,1e-3,1e-4,1e-5",
            description = "Tolerances (atol = rtol) of the adaptive ode sampler, which has no step count (default 1e-1,1e-2,1e-3,1e-4,1e-5).")
    List<Double> rtols;

    @Option(names = "--n", paramLabel = "N", defaultValue = "4000", description = "Samples per run, and size of the exact draws (default 4000).")
    int n;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Also a trained image model (e.g. models/mnist-vp.ckpt) under its SDE, scored by FID on the features of its data"
                    + " set's shipped classifier against the training images, with the FID of as many test images as the floor.")
    Path checkpoint;

    @Option(names = "--images", paramLabel = "N", defaultValue = "256", description = "--checkpoint: images per run (default 256).")
    int images;

    @Option(names = "--reference-images", paramLabel = "N", defaultValue = "2000",
            description = "--checkpoint: training images the FID reference is fitted to (default 2000).")
    int referenceImages;

    @Option(names = "--image-nfe", split = ",", paramLabel = "NFE", defaultValue = "10,20,50,100,200",
            description = "--checkpoint: target NFE (default 10,20,50,100,200).")
    List<Integer> imageNfe;

    @Option(names = "--image-rtols", split = ",", paramLabel = "TOL", defaultValue = "1e-2,1e-3",
            description = "--checkpoint: tolerances of the adaptive ode sampler (default 1e-2,1e-3).")
    List<Double> imageRtols;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default 0).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/bench", description = "Output folder (default runs/bench).")
    Path out;

    /** Builds the run of a sampler at a step count with settings. */
    @FunctionalInterface
    interface Requests {
        SampleRun.Request of(SamplerKind kind, SamplerSettings settings, int steps);
    }

    /**
     * What is sampled and how it is scored.
     *
     * @param name the model's name
     * @param sde the SDE's name
     * @param requests the runs of any sampler on it
     * @param metric scores a run's samples
     * @param n samples per run
     * @param nfe the target NFE of the fixed-step samplers
     * @param rtols the tolerances of the adaptive one
     */
    record Problem(String name, String sde, Requests requests, QualityMetric metric, int n, List<Integer> nfe, List<Double> rtols) {
        String label() {
            return name + ", " + sde;
        }
    }

    /** An exact mixture under {@code sde}, scored by {@link MixtureQuality}. */
    private Problem mixture(String name, GaussianMixture mixture, Sde sde) {
        return new Problem(name, sde.name(), (kind, settings, steps) -> SampleRun.exact(name, mixture, sde, kind, settings, steps,
                Double.NaN, n, seed, false), new MixtureQuality(mixture, n, seed), n, nfe, rtols);
    }

    /** The --checkpoint model under its trained SDE, scored by {@link ImageFid} with {@code classifier}. */
    private Problem trained(Checkpoint file, TrainConfig config, ImageClassifier classifier) {
        Sde sde = Setup.trainedSde(config, null);
        Truth truth = Setup.truth(file, checkpoint);
        String name = config.data() + " (" + checkpoint.getFileName() + ")";
        ImageFid fid = new ImageFid(classifier, ImageDataSets.load(config.data()), referenceImages, ImageDataSets.load(config.data() + ":test"),
                images);
        return new Problem(name, sde.name(), (kind, settings, steps) -> new SampleRun.Request(name, m -> Setup.load(file, checkpoint, m), truth,
                sde, kind, settings, steps, Double.NaN, images, seed, false), fid, images, imageNfe, imageRtols);
    }

    /** The shipped classifier of the checkpoint's data set; a user error if there is none or FID would be singular. */
    private ImageClassifier classifier(TrainConfig config, NDManager nd) {
        KnownImageSet set = KnownImageSet.byName(config.data()).orElseThrow(() -> new UserInputException("--checkpoint " + checkpoint
                + " was trained on " + config.data() + ", which has no shipped classifier (" + String.join(", ", KnownImageSet.names()) + ")"));
        ImageClassifier c = ImageClassifier.shipped(set, nd);
        int needed = FrechetDistance.minSamples(c.featureDim());
        if (images < needed || referenceImages < needed) {
            c.close();
            throw new UserInputException("FID on the classifier's " + c.featureDim() + " features needs --images and --reference-images >= "
                    + needed + " (a covariance of fewer points is singular)");
        }
        return c;
    }

    /** A sampler's step count (or tolerance, for the adaptive ODE) in the study. */
    private record Level(int steps, double rtol) {}

    /**
     * One run.
     *
     * @param nonFinite samples with a non-finite coordinate, left out of the scores
     * @param values the metric's numbers, NaN when fewer than 2 samples were finite
     */
    private record Row(Problem problem, String sampler, int steps, double rtol, int nfe, double wall, int nonFinite, double[] values) {
        double samplesPerSecond() {
            return problem.n() / wall;
        }
    }

    @Override
    public Integer call() {
        if (n < 2 || images < 2 || Stream.concat(nfe.stream(), imageNfe.stream()).anyMatch(k -> k < 1)
                || Stream.concat(rtols.stream(), imageRtols.stream()).anyMatch(r -> !(r > 0 && r < 1))) {
            throw new UserInputException("--n and --images must be >= 2, --nfe and --image-nfe >= 1 and --rtols and --image-rtols in (0, 1)");
        }
        // Mixture names and files, the checkpoint and its classifier are resolved before anything is written.
        Map<String, GaussianMixture> mixtures = new LinkedHashMap<>();
        problems.forEach(name -> mixtures.put(name, Mixtures.byNameOrFile(name)));
        Checkpoint file = checkpoint == null ? null : Checkpoint.read(checkpoint);
        TrainConfig config = file == null ? null : Setup.config(file, checkpoint);
        try (NDManager nd = NDManager.newBaseManager(); ImageClassifier classifier = config == null ? null : classifier(config, nd)) {
            List<Problem> built = new ArrayList<>();
            for (Map.Entry<String, GaussianMixture> e : mixtures.entrySet()) {
                for (SdeChoice choice : sdes) {
                    built.add(mixture(e.getKey(), e.getValue(), choice.create(new SdeOptions())));
                }
            }
            if (config != null) {
                built.add(trained(file, config, classifier));
            }
            Path dir = Outputs.prepareDir(out);
            run.applyThreads(1);
            List<Row> rows = measureAll(built);
            writeCsv(dir.resolve("quality.csv"), rows);
            Outputs.writeText(dir.resolve("quality.md"), markdown(built, rows));
            plot(dir.resolve("quality.png"), built, rows);
            spec.commandLine().getOut().println("wrote " + dir.resolve("quality.csv") + ", quality.md and quality.png");
        }
        return 0;
    }

    /** Every problem x sampler x level; a sampler not defined for an SDE is skipped with a line. */
    private List<Row> measureAll(List<Problem> built) {
        PrintWriter err = spec.commandLine().getErr();
        List<Row> rows = new ArrayList<>();
        for (Problem problem : built) {
            for (SamplerKind kind : samplers) {
                for (Level level : levels(problem, kind)) {
                    Optional<Row> row = measure(problem, kind, level);
                    if (row.isEmpty()) {
                        err.println("skip " + kind + " under " + problem.sde() + ": not defined for this SDE");
                        break;
                    }
                    rows.add(row.get());
                    err.printf(Locale.ROOT, "%-8s %-5s %-15s N=%-5d nfe=%-5d %6.2fs %s%n", problem.name(), problem.sde(), kind, level.steps(),
                            row.get().nfe(), row.get().wall(), scores(problem.metric().names(), row.get().values()));
                }
            }
        }
        return rows;
    }

    /** The step counts whose NFE is nearest each target (once each), or the tolerances of the adaptive solver. */
    private static List<Level> levels(Problem problem, SamplerKind kind) {
        List<Level> out = new ArrayList<>();
        if (kind.adaptive()) {
            problem.rtols().forEach(r -> out.add(new Level(1000, r)));
            return out;
        }
        for (int target : problem.nfe()) {
            Level level = new Level(stepsFor(kind, target), Double.NaN);
            if (!out.contains(level)) {
                out.add(level);
            }
        }
        return out;
    }

    /** The N >= the sampler's minimum whose predicted NFE is nearest {@code target} (the smaller N on a tie). */
    private static int stepsFor(SamplerKind kind, int target) {
        SamplerSettings defaults = SamplerSettings.defaults();
        int best = kind.minSteps();
        for (int steps = kind.minSteps(); steps <= Math.max(kind.minSteps(), target + 1); steps++) {
            if (Math.abs(kind.nfe(steps, defaults).orElseThrow() - target) < Math.abs(kind.nfe(best, defaults).orElseThrow() - target)) {
                best = steps;
            }
        }
        return best;
    }

    /** Samples and scores one run; empty when the sampler is not defined for the SDE. */
    private Optional<Row> measure(Problem problem, SamplerKind kind, Level level) {
        SamplerSettings settings = Double.isNaN(level.rtol()) ? SamplerSettings.defaults()
                : SamplerSettings.defaults().withTolerances(level.rtol(), level.rtol());
        SampleRun.Result result;
        try {
            result = SampleRun.run(problem.requests().of(kind, settings, level.steps()), StepListener.NONE, Constraint.NONE, samples -> Map.of());
        } catch (UserInputException unsupported) {
            return Optional.empty();
        }
        double[][] finite = Arrays.stream(result.samples()).filter(p -> Arrays.stream(p).allMatch(Double::isFinite)).toArray(double[][]::new);
        double[] values = new double[problem.metric().names().size()];
        Arrays.fill(values, Double.NaN);
        if (finite.length >= 2) {
            values = problem.metric().of(finite);
        }
        Map<String, Object> m = result.metrics();
        return Optional.of(new Row(problem, kind.cliName(), level.steps(), level.rtol(), (Integer) m.get("nfe"), (Double) m.get("wall_seconds"),
                result.samples().length - finite.length, values));
    }

    private static String scores(List<String> names, double[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ').append(String.format(Locale.ROOT, "%.4g", values[i]));
        }
        return b.toString();
    }

    /** Long format: one line per run and metric, with the metric's noise floor. */
    private void writeCsv(Path file, List<Row> rows) {
        StringBuilder b = new StringBuilder("problem,sde,sampler,steps,rtol,nfe,wall_seconds,samples_per_second,non_finite,metric,value,noise_floor\n");
        for (Row r : rows) {
            List<String> names = r.problem().metric().names();
            double[] floor = r.problem().metric().floor();
            for (int i = 0; i < names.size(); i++) {
                b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%d,%.4f,%.1f,%d,%s,%.6g,%.6g%n", r.problem().name(), r.problem().sde(),
                        r.sampler(), r.steps(), Double.isNaN(r.rtol()) ? "" : Double.toString(r.rtol()), r.nfe(), r.wall(),
                        r.samplesPerSecond(), r.nonFinite(), names.get(i), r.values()[i], floor[i]));
            }
        }
        Outputs.writeText(file, b.toString());
    }

    private String markdown(List<Problem> built, List<Row> rows) {
        StringBuilder b = new StringBuilder("# Quality vs NFE: n = " + n + " samples per run on the mixtures, seed " + seed + "\n\n");
        b.append("Threads: ").append(System.getProperty("ai.djl.pytorch.num_threads")).append(". Exact score of each mixture; every")
                .append(" number is against exact samples of the same size (lower is better), and its noise floor is what a second exact")
                .append(" draw scores. Steps are chosen so that each sampler's NFE is nearest the targets ")
                .append(nfe.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .append("; the adaptive `ode` runs at rtol = atol = ")
                .append(rtols.stream().map(r -> String.format(Locale.ROOT, "%.0e", r)).collect(Collectors.joining(", ")))
                .append(" and reports the NFE it took. The fast samplers use Karras's grid, the others uniform time.")
                .append(checkpoint == null ? "" : " The trained model's runs draw " + images + " images each and are scored by FID on the"
                        + " shipped classifier's features against " + referenceImages + " training images (" + EvalCommand.NOT_COMPARABLE + ")"
                        + "; its floor is the FID of " + images + " test images, NFE targets " + imageNfe + ", rtols " + imageRtols + ".")
                .append("\n\n");
        b.append(comparison(built, rows));
        for (Problem p : built) {
            List<String> names = p.metric().names();
            b.append("\n## ").append(p.label()).append("\n\n").append(p.n()).append(" samples per run. Noise floor: ").append(scores(names, p.metric().floor())).append("\n\n")
                    .append("| sampler | steps | rtol | NFE | samples/s | ").append(String.join(" | ", names)).append(" |\n|---|---:|---:|---:|---:|")
                    .append("---:|".repeat(names.size())).append('\n');
            for (Row r : rows) {
                if (r.problem() != p) {
                    continue;
                }
                b.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %.0f |", r.sampler(), r.steps(),
                        Double.isNaN(r.rtol()) ? "" : String.format(Locale.ROOT, "%.0e", r.rtol()), r.nfe(), r.samplesPerSecond()));
                for (double v : r.values()) {
                    b.append(String.format(Locale.ROOT, " %.4g |", v));
                }
                b.append(r.nonFinite() > 0 ? " " + r.nonFinite() + " non-finite samples left out\n" : "\n");
            }
        }
        return b.toString();
    }

    /**
     * The expectation, "at about 20 NFE EDM Heun and DPM-Solver++ are no worse than
     * Euler-Maruyama at 200 NFE": per problem, EM's run nearest 200 NFE against each fast
     * sampler's run nearest 20, a number being no worse when it is at most max(EM's, 2 noise floors):
     * the floor is an exact draw's mean error, and an exact draw rarely scores twice that.
     */
    private String comparison(List<Problem> built, List<Row> rows) {
        StringBuilder b = new StringBuilder("## About 20 NFE against Euler-Maruyama at 200\n\n")
                .append("A fast sampler's number is *ok* when it is at most max(EM's, twice the noise floor), else *worse*; the"
                        + " deterministic samplers keep the prior draw's split between modes, so their weight errors are that draw's.\n\n");
        for (Problem p : built) {
            Optional<Row> em = nearest(rows, p, SamplerKind.EM, 200);
            if (em.isEmpty()) {
                continue;
            }
            List<String> names = p.metric().names();
            double[] floor = p.metric().floor();
            b.append("| ").append(p.label()).append(" | NFE | ").append(String.join(" | ", names)).append(" |\n|---|---:|")
                    .append("---:|".repeat(names.size())).append('\n');
            b.append(String.format(Locale.ROOT, "| em | %d |", em.get().nfe()));
            for (double v : em.get().values()) {
                b.append(String.format(Locale.ROOT, " %.4g |", v));
            }
            b.append('\n');
            for (SamplerKind fast : List.of(SamplerKind.EDM_HEUN, SamplerKind.DPMPP_2M, SamplerKind.DPMPP_3M)) {
                Optional<Row> r = nearest(rows, p, fast, 20);
                if (r.isEmpty()) {
                    continue;
                }
                b.append(String.format(Locale.ROOT, "| %s | %d |", fast, r.get().nfe()));
                for (int i = 0; i < names.size(); i++) {
                    double v = r.get().values()[i];
                    boolean ok = v <= Math.max(em.get().values()[i], 2 * floor[i]);
                    b.append(String.format(Locale.ROOT, " %.4g %s |", v, ok ? "ok" : "**worse**"));
                }
                b.append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The run of {@code kind} on {@code p} whose NFE is nearest {@code target} on a log scale. */
    private static Optional<Row> nearest(List<Row> rows, Problem p, SamplerKind kind, int target) {
        return rows.stream().filter(r -> r.problem() == p && r.sampler().equals(kind.cliName()))
                .min(Comparator.comparingDouble(r -> Math.abs(Math.log((double) r.nfe() / target))));
    }

    /** One row of panels per problem, one panel per metric: the metric vs NFE, a series per sampler and the noise floor. */
    private void plot(Path file, List<Problem> built, List<Row> rows) {
        List<BufferedImage> panels = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<String> names = samplers.stream().map(SamplerKind::cliName).toList();
        int columns = 1;
        for (Problem p : built) {
            List<String> metrics = p.metric().names();
            columns = Math.max(columns, metrics.size());
            for (int i = 0; i < metrics.size(); i++) {
                int metric = i;
                Map<String, double[][]> series = new LinkedHashMap<>();
                for (String sampler : names) {
                    List<Row> runs = rows.stream().filter(r -> r.problem() == p && r.sampler().equals(sampler))
                            .sorted(Comparator.comparingInt(Row::nfe)).toList();
                    series.put(sampler, new double[][] {runs.stream().mapToDouble(Row::nfe).toArray(),
                        runs.stream().mapToDouble(r -> r.values()[metric]).toArray()});
                }
                panels.add(NfePanel.render(metrics.get(i) + " vs NFE", "NFE", metrics.get(i), names, series, "noise floor",
                        p.metric().floor()[i]));
                captions.add(p.label() + ": " + metrics.get(i));
            }
        }
        try {
            Grid.write(panels, captions, columns, file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
