package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.likelihood.MeanEstimate;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    FlowOptions flow;

    @Option(names = "--data", paramLabel = "D", required = true, description = Examples.DATA_HELP)
    String data;

    @Option(names = "--estimator", paramLabel = "E",
            description = "Divergence: ${COMPLETION-CANDIDATES} (default exact for D <= 16, rademacher beyond; exact allowed up to D = 64).")
    EstimatorChoice estimator;

    @Option(names = "--probes", paramLabel = "K", description = "Hutchinson probes per example for rademacher/gaussian (default 1).")
    Integer probes;

    @Option(names = "--dequant-draws", paramLabel = "K", defaultValue = "1",
            description = "Images: average log-likelihood and bpd over K uniform dequantization draws per image (default 1).")
    int dequantDraws;

    @Option(names = "--n", paramLabel = "N",
            description = "Evaluate the first N examples (default: all points of a CSV, the first " + DEFAULT_IMAGES + " images).")
    Integer n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the probes and the dequantization noise (default 0).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    private void checkNumbers() {
        flow.check();
        if (probes != null && probes < 1) {
            throw new UserInputException("--probes must be >= 1, got " + probes);
        }
        if (n != null && n < 1) {
            throw new UserInputException("--n must be >= 1, got " + n);
        }
        if (dequantDraws < 1) {
            throw new UserInputException("--dequant-draws must be >= 1, got " + dequantDraws);
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
        ModelTarget t = modelOptions.resolve();
        EstimatorChoice e = estimator(t.dim());
        if (dequantDraws > 1 && !t.images()) {
            throw new UserInputException("--dequant-draws is for 8-bit images; points are not dequantized");
        }
        Examples examples = Examples.load(data, t, n != null ? n : t.images() ? DEFAULT_IMAGES : Integer.MAX_VALUE);
        int k = probes == null ? 1 : probes;
        Path dir = Outputs.prepareDir(out);
        run.applyThreads();
        var request = new LikelihoodRun.Request(t, examples, e, k, flow.solver(), flow.type(), dequantDraws, seed);
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

    private Map<String, Object> summary(ModelTarget t, LikelihoodRun.Request request, LikelihoodRun.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", t.name());
        m.put("sde", t.sde().name());
        m.put("sde_parameters", t.sde());
        m.put("data", data);
        m.put("n", r.logLikelihood().length);
        m.put("dim", t.dim());
        m.put("quantity", "log p_eps(x), natural log, in the model's data units");
        m.put("eps", r.eps());
        m.put("loglik", estimate(r.logLikelihood()));
        if (r.bpd() != null) {
            m.put("bpd", estimate(r.bpd()));
            m.put("dequantization", "uniform");
            m.put("dequant_draws", request.dequantDraws());
            m.put("pixel_scaling", request.scaling());
        }
        m.put("estimator", request.estimator().toString());
        m.put("probes", request.estimator() == EstimatorChoice.EXACT ? null : request.probes());
        m.putAll(flow.describe());
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
