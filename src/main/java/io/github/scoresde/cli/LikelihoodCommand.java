package io.github.scoresde.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.UserInputException;
import io.github.scoresde.likelihood.MeanEstimate;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.train.Checkpoint;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.ImageDataSets;
import io.github.scoresde.train.data.KnownImageSet;
import io.github.scoresde.train.data.PixelScaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scoresde likelihood}: log-likelihoods (and bits/dim of images) through the probability-flow ODE. */
@Command(name = "likelihood", mixinStandardHelpOptions = true,
        description = {"Log-likelihood of data under a model through the probability-flow ODE (Song et al. 2021, sec. 4.3),"
                + " integrated from eps to T with adaptive Dormand-Prince; reports log p_eps(x). Writes loglik.csv"
                + " (index,loglik, and bpd for 8-bit images after uniform dequantization) and summary.json.",
            "Example: scoresde likelihood --model gmm8 --sde vp --data points.csv --out runs/likelihood"})
final class LikelihoodCommand implements Callable<Integer> {
    /** Above this dimension the exact divergence is refused: D model calls' worth of work per evaluation. */
    static final int EXACT_MAX_DIM = 64;
    /** Images evaluated when --n is not given. */
    static final int DEFAULT_IMAGES = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--model", paramLabel = "NAME|FILE.json",
            description = "A built-in mixture (gmm8, grid25, aniso16) or a mixture JSON file, with its exact score.")
    String model;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "A trained model (its EMA weights, SDE and data shape come from the checkpoint) instead of --model.")
    Path checkpoint;

    @Option(names = "--sde", paramLabel = "SDE", description = "${COMPLETION-CANDIDATES} (default vp; with --checkpoint: the trained one).")
    SdeChoice sde;

    @Mixin
    SdeOptions sdeOptions;

    @Option(names = "--data", paramLabel = "D", required = true,
            description = "A CSV of points (header row, one point per line, the first D columns used), an image set"
                    + " (mnist, mnist:test, fashion-mnist, fashion-mnist:test) or a folder of .png images.")
    String data;

    @Option(names = "--estimator", paramLabel = "E",
            description = "Divergence: ${COMPLETION-CANDIDATES} (default exact for D <= 16, rademacher beyond; exact allowed up to D = 64).")
    EstimatorChoice estimator;

    @Option(names = "--probes", paramLabel = "K", description = "Hutchinson probes per example for rademacher/gaussian (default 1).")
    Integer probes;

    @Option(names = "--rtol", paramLabel = "R", defaultValue = "1e-5", description = "Relative tolerance of the solver (default 1e-5).")
    double rtol;

    @Option(names = "--atol", paramLabel = "A", defaultValue = "1e-5", description = "Absolute tolerance of the solver (default 1e-5).")
    double atol;

    @Option(names = "--double", description = "Compute in float64 (default float32, which limits accuracy to about 1e-4 relative).")
    boolean float64;

    @Option(names = "--n", paramLabel = "N",
            description = "Evaluate the first N examples (default: all points of a CSV, the first " + DEFAULT_IMAGES + " images).")
    Integer n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the probes and the dequantization noise (default 0).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    /** The model to evaluate: its name, how to open it, its SDE, example shape and pixel scaling (null for points). */
    private record Target(String name, Function<NDManager, ScoreModel> open, Sde sde, long[] shape, PixelScaling scaling) {}

    private Target target() {
        if ((model == null) == (checkpoint == null)) {
            throw new UserInputException("give exactly one of --model NAME|FILE.json and --checkpoint FILE");
        }
        if (checkpoint == null) {
            GaussianMixture mixture = Mixtures.byNameOrFile(model);
            Sde s = (sde == null ? SdeChoice.VP : sde).create(sdeOptions);
            return new Target(model, m -> new ExactMixtureModel(mixture, s, m), s, new long[] {mixture.dim()}, null);
        }
        Checkpoint file = Checkpoint.read(checkpoint);
        TrainConfig config = Setup.config(file, checkpoint);
        Sde trained = Setup.trainedSde(config, sde);
        Truth truth = Setup.truth(file, checkpoint);
        PixelScaling scaling = truth instanceof ImageTruth images ? images.scaling() : null;
        return new Target(config.data() + " (" + checkpoint.getFileName() + ")", m -> Setup.load(file, checkpoint, m), trained,
                truth.exampleShape(), scaling);
    }

    private LikelihoodData examples(Target t, long dim) {
        boolean csv = data.toLowerCase(Locale.ROOT).endsWith(".csv") || Files.isRegularFile(Path.of(data));
        if (csv && t.scaling() != null) {
            throw new UserInputException("the model takes images " + new Shape(t.shape()) + " and bits per dimension needs 8-bit images, but "
                    + data + " is a CSV of points: give an image set or a folder of .png images");
        }
        if (csv) {
            return new LikelihoodData.Points(PointCsv.read(Path.of(data), Math.toIntExact(dim), n == null ? Integer.MAX_VALUE : n));
        }
        if (!ImageDataSets.isImageName(data)) {
            throw new UserInputException("unknown data '" + data + "': give a .csv file of points, " + String.join(", ", KnownImageSet.names())
                    + " (add :test for the test split) or a folder of .png images");
        }
        if (t.scaling() == null) {
            throw new UserInputException(data + " holds images, but the model takes points of dimension " + dim + ": give a .csv file of points");
        }
        ImageData images = ImageDataSets.load(data);
        if (!Arrays.equals(images.exampleShape(), t.shape())) {
            throw new UserInputException(data + " holds images of shape " + new Shape(images.exampleShape()) + " but the model was trained on "
                    + new Shape(t.shape()) + ": give data of the model's shape");
        }
        return new LikelihoodData.Images(images, Math.min(n == null ? DEFAULT_IMAGES : n, images.size()), t.scaling());
    }

    private void checkNumbers() {
        if (!(rtol > 0 && Double.isFinite(rtol))) {
            throw new UserInputException("--rtol must be > 0 and finite, got " + rtol);
        }
        if (!(atol > 0 && Double.isFinite(atol))) {
            throw new UserInputException("--atol must be > 0 and finite, got " + atol);
        }
        if (probes != null && probes < 1) {
            throw new UserInputException("--probes must be >= 1, got " + probes);
        }
        if (n != null && n < 1) {
            throw new UserInputException("--n must be >= 1, got " + n);
        }
    }

    private EstimatorChoice estimator(long dim) {
        EstimatorChoice e = estimator != null ? estimator : EstimatorChoice.defaultFor(dim);
        if (e == EstimatorChoice.EXACT && dim > EXACT_MAX_DIM) {
            throw new UserInputException("--estimator exact needs D = " + dim + " vector-Jacobian products per solver step (the model runs on a batch "
                    + dim + " times as large); it is allowed up to D = " + EXACT_MAX_DIM + ": use --estimator rademacher with --probes K");
        }
        if (e == EstimatorChoice.EXACT && probes != null) {
            throw new UserInputException("--probes is for --estimator rademacher or gaussian; the exact divergence uses no probes");
        }
        return e;
    }

    @Override
    public Integer call() {
        checkNumbers();
        Target t = target();
        long dim = Arrays.stream(t.shape()).reduce(1, (a, b) -> a * b);
        EstimatorChoice e = estimator(dim);
        LikelihoodData examples = examples(t, dim);
        int k = probes == null ? 1 : probes;
        Path dir = Outputs.prepareDir(out);
        run.applyThreads();
        var request = new LikelihoodRun.Request(t.open(), examples, dim, t.scaling(), e, k, rtol, atol, float64, seed);
        Progress progress = new Progress(spec.commandLine().getErr(), "likelihood");
        LikelihoodRun.Result result = LikelihoodRun.run(request, progress);
        progress.finish();
        Outputs.writeText(dir.resolve("loglik.csv"), table(result));
        Map<String, Object> summary = summary(t, request, result);
        Outputs.writeJson(dir.resolve("summary.json"), summary);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s | %s | %s: %s over %d examples, NFE %d, %.1fs -> %s%n", t.name(), t.sde().name(), e,
                describe(summary), examples.count(), Arrays.stream(result.nfe()).sum(), result.wallSeconds(), dir);
        return 0;
    }

    private static String table(LikelihoodRun.Result r) {
        StringBuilder s = new StringBuilder(r.bpd() == null ? "index,loglik\n" : "index,loglik,bpd\n");
        for (int i = 0; i < r.logLikelihood().length; i++) {
            s.append(i).append(',').append(r.logLikelihood()[i]);
            if (r.bpd() != null) {
                s.append(',').append(r.bpd()[i]);
            }
            s.append('\n');
        }
        return s.toString();
    }

    private Map<String, Object> summary(Target t, LikelihoodRun.Request request, LikelihoodRun.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", t.name());
        m.put("sde", t.sde().name());
        m.put("sde_parameters", t.sde());
        m.put("data", data);
        m.put("n", r.logLikelihood().length);
        m.put("dim", request.dim());
        m.put("quantity", "log p_eps(x), natural log, in the model's data units");
        m.put("eps", r.eps());
        m.put("loglik", estimate(r.logLikelihood()));
        if (r.bpd() != null) {
            m.put("bpd", estimate(r.bpd()));
            m.put("dequantization", "uniform");
            m.put("pixel_scaling", request.scaling());
        }
        m.put("estimator", request.estimator().toString());
        m.put("probes", request.estimator() == EstimatorChoice.EXACT ? null : request.probes());
        m.put("solver", "dormand-prince45");
        m.put("rtol", rtol);
        m.put("atol", atol);
        m.put("dtype", float64 ? "float64" : "float32");
        m.put("batch_size", request.batchSize());
        m.put("nfe_total", Arrays.stream(r.nfe()).sum());
        m.put("nfe_per_batch", r.nfe());
        m.put("wall_seconds", r.wallSeconds());
        m.put("provenance", Outputs.provenance(seed));
        return m;
    }

    private static Map<String, Object> estimate(double[] values) {
        MeanEstimate e = MeanEstimate.of(values);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", e.mean());
        m.put("standard_error", Double.isNaN(e.standardError()) ? null : e.standardError());
        return m;
    }

    /** The mean log-likelihood, and bpd for images, with their standard errors. */
    private static String describe(Map<String, Object> summary) {
        String text = meanText("log-likelihood", summary.get("loglik"));
        return summary.containsKey("bpd") ? text + ", " + meanText("bpd", summary.get("bpd")) : text;
    }

    private static String meanText(String what, Object estimate) {
        Map<?, ?> e = (Map<?, ?>) estimate;
        Object se = e.get("standard_error");
        return String.format(Locale.ROOT, "%s %.4f", what, (Double) e.get("mean")) + (se == null ? "" : String.format(Locale.ROOT, " ± %.4f", (Double) se));
    }
}
