package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.UserInputException;
import io.github.scoresde.likelihood.BitsPerDim;
import io.github.scoresde.likelihood.Dequantizer;
import io.github.scoresde.likelihood.MeanEstimate;
import io.github.scoresde.likelihood.ProbabilityFlowLikelihood;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.plot.Grid;
import io.github.scoresde.plot.LinePlot;
import io.github.scoresde.sample.ode.DormandPrince45;
import io.github.scoresde.sample.ode.Tolerances;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;
import io.github.scoresde.train.data.PixelScaling;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scoresde bench likelihood}: the error of the probability-flow log-likelihood against the
 * exact log p_eps as a function of the solver tolerance and of NFE, for the exact divergence and
 * Hutchinson's estimate with Rademacher and Gaussian probes, on the 2-D and 16-D mixtures and a
 * 784-D Gaussian fitted to MNIST (whose bits/dim are known in closed form).
 */
@Command(name = "likelihood", mixinStandardHelpOptions = true,
        description = {"Error of the probability-flow log-likelihood against the exact log p_eps vs solver tolerance and NFE,"
                + " for the exact and Hutchinson divergences, on exact mixtures (gmm8, aniso16) and a 784-D Gaussian fitted to"
                + " MNIST (mnist-gaussian; needs `scoresde data fetch mnist`, or falls back to the 256-image test fixture"
                + " when run from the repository root).",
            "Writes likelihood.csv, likelihood.md and likelihood.png (log-log error vs rtol and vs NFE) to --out."})
final class BenchLikelihoodCommand implements Callable<Integer> {
    /** The name of the 784-D problem. */
    static final String MNIST_GAUSSIAN = "mnist-gaussian";

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--problems", split = ",", paramLabel = "P", defaultValue = "gmm8,aniso16," + MNIST_GAUSSIAN,
            description = "Problems: mixtures (gmm8, grid25, aniso16, FILE.json) and " + MNIST_GAUSSIAN + " (default gmm8,aniso16,"
                    + MNIST_GAUSSIAN + ").")
    List<String> problems;

    @Option(names = "--sde", paramLabel = "SDE", defaultValue = "vp", description = "${COMPLETION-CANDIDATES} (default vp).")
    SdeChoice sde;

    @Mixin
    SdeOptions sdeOptions;

    @Option(names = "--estimators", split = ",", paramLabel = "E", defaultValue = "exact,rademacher,gaussian",
            description = "Divergences (default exact,rademacher,gaussian; exact is skipped above D = " + LikelihoodCommand.EXACT_MAX_DIM + ").")
    List<EstimatorChoice> estimators;

    @Option(names = "--rtols", split = ",", paramLabel = "TOL", defaultValue = "1e-2,1e-3,1e-4,1e-5,1e-6",
            description = "Solver tolerances, atol = rtol (default 1e-2,1e-3,1e-4,1e-5,1e-6).")
    List<Double> rtols;

    @Option(names = "--probes", split = ",", paramLabel = "K", defaultValue = "1,4",
            description = "Hutchinson probes per example, one run per count (default 1,4).")
    List<Integer> probes;

    @Option(names = "--n", paramLabel = "N", defaultValue = "256", description = "Exact draws of p_eps per mixture (default 256).")
    int n;

    @Option(names = "--images", paramLabel = "N", defaultValue = "32", description = "Test images for " + MNIST_GAUSSIAN + " (default 32).")
    int images;

    @Option(names = "--fit-images", paramLabel = "N", defaultValue = "10000",
            description = "MNIST training images the Gaussian is fitted to (default 10000).")
    int fitImages;

    @Option(names = "--delta", paramLabel = "V", defaultValue = "0.01",
            description = "Variance added to the fitted covariance's diagonal, in [-1, 1] data units (default 0.01).")
    double delta;

    @Option(names = "--double", description = "Compute in float64 (default float32).")
    boolean float64;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the draws, probes and dequantization (default 0).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/bench/likelihood", description = "Output folder (default runs/bench/likelihood).")
    Path out;

    /** A problem: an exact model of dimension D and data with its exact log p_eps; images have a pixel scaling, points null. */
    private record Problem(String name, GaussianMixture mixture, double[][] data, String source, PixelScaling scaling) {
        int dim() {
            return mixture.dim();
        }
    }

    /**
     * One run.
     *
     * @param meanAbsError mean over examples of |log p - exact log p_eps|, nats
     * @param bias the mean signed error with its standard error, nats
     * @param solverAbsError the mean absolute error with the prior replaced by the exact log p_T(x_T): solver and divergence only
     * @param priorGap the mean |log prior(x_T) - log p_T(x_T)|: the error floor of a finite T
     */
    private record Row(String problem, int dim, String estimator, int probes, double rtol, double nfe, double wall, double meanAbsError,
            MeanEstimate bias, double solverAbsError, double priorGap) {
        /** The estimator with its probe count, e.g. "rademacher x4". */
        String divergence() {
            return label(estimator, probes);
        }

        /** An error in nats as bits per dimension. */
        double perDimBits(double nats) {
            return nats / (dim * Math.log(2));
        }
    }

    @Override
    public Integer call() {
        if (n < 2 || images < 2 || fitImages < 2 || probes.stream().anyMatch(k -> k < 1) || !(delta > 0)
                || rtols.stream().anyMatch(r -> !(r > 0 && r < 1))) {
            throw new UserInputException("--n, --images and --fit-images must be >= 2, --probes >= 1, --delta > 0 and --rtols in (0, 1)");
        }
        Sde s = sde.create(sdeOptions);
        run.applyThreads(1);
        PrintWriter err = spec.commandLine().getErr();
        // Every problem (its data and its oracle) is built before anything is written, so that bad
        // names and missing data sets leave no output behind.
        List<Problem> built = new ArrayList<>();
        for (String name : problems) {
            built.add(problem(name, s, err));
        }
        Path dir = Outputs.prepareDir(out);
        DataType type = float64 ? DataType.FLOAT64 : DataType.FLOAT32;
        List<Row> rows = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Problem problem : built) {
            try (NDManager m = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(problem.mixture(), s, m)) {
                double[] exact = logDensities(problem.mixture(), s, s.eps(), problem.data());
                MeanEstimate truth = MeanEstimate.of(problem.scaling() == null ? exact : BitsPerDim.of(exact, problem.dim(), problem.scaling()));
                sources.add(String.format(Locale.ROOT, "%s: %s; exact mean %s %.4f +- %.4f", problem.name(), problem.source(),
                        problem.scaling() == null ? "log p_eps" : "bits/dim", truth.mean(), truth.standardError()));
                for (EstimatorChoice e : estimators) {
                    if (e == EstimatorChoice.EXACT && problem.dim() > LikelihoodCommand.EXACT_MAX_DIM) {
                        err.println("skip exact divergence on " + problem.name() + ": D = " + problem.dim() + " > " + LikelihoodCommand.EXACT_MAX_DIM);
                        continue;
                    }
                    for (int k : e == EstimatorChoice.EXACT ? List.of(0) : probes) {
                        for (double rtol : rtols) {
                            Row row = measure(problem, model, exact, e, k, rtol, type, m);
                            rows.add(row);
                            err.printf(Locale.ROOT, "%-15s %-14s rtol %.0e NFE %5.0f %6.2fs mean |error| %.3g nats (solver %.3g, prior gap %.3g)%n",
                                    row.problem(), row.divergence(), rtol, row.nfe(), row.wall(), row.meanAbsError(), row.solverAbsError(),
                                    row.priorGap());
                        }
                    }
                }
            }
        }
        writeCsv(dir.resolve("likelihood.csv"), rows);
        Outputs.writeText(dir.resolve("likelihood.md"), markdown(rows, s, sources));
        plot(dir.resolve("likelihood.png"), rows);
        spec.commandLine().getOut().println("wrote " + dir.resolve("likelihood.csv") + ", likelihood.md and likelihood.png");
        return 0;
    }

    private Problem problem(String name, Sde s, PrintWriter err) {
        if (!name.equals(MNIST_GAUSSIAN)) {
            GaussianMixture mixture = Mixtures.byNameOrFile(name);
            double[][] x = mixture.diffused(s.a(s.eps()), s.s(s.eps())).sample(n, new SplittableRandom(seed)).points();
            return new Problem(name, mixture, x, n + " exact draws of p_eps", null);
        }
        err.println(MNIST_GAUSSIAN + ": fitting and decomposing the 784-D covariance (about a minute on one core)");
        ImageGaussian g = ImageGaussian.mnist(fitImages, images, delta);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = new Examples.Images(g.test(), images, PixelScaling.SYMMETRIC).batch(m, 0, images, DataType.FLOAT64);
            double[][] dequantized = Shapes.rows(Dequantizer.dequantize(x, PixelScaling.SYMMETRIC, new Rng(seed)).reshape(images, -1));
            return new Problem(MNIST_GAUSSIAN, g.gaussian(), dequantized, g.source() + "; " + images + " images uniformly dequantized, delta "
                    + delta, PixelScaling.SYMMETRIC);
        }
    }

    private Row measure(Problem p, ExactMixtureModel model, double[] exact, EstimatorChoice e, int k, double rtol, DataType type,
            NDManager m) {
        try (NDManager scope = m.newSubManager()) {
            NDArray x = scope.create(flat(p.data()), new Shape(p.data().length, p.dim())).toType(type, false);
            // The same probes at every tolerance, so that the error's change with rtol is the solver's.
            ProbabilityFlowLikelihood likelihood = new ProbabilityFlowLikelihood(model, new DormandPrince45(Tolerances.of(rtol, rtol)),
                    e.create(k, new Rng(seed + 1)));
            long t0 = System.nanoTime();
            ProbabilityFlowLikelihood.Result r = likelihood.logLikelihood(x);
            double wall = (System.nanoTime() - t0) / 1e9;
            double[] ll = r.values();
            double[][] latents = Shapes.rows(r.latent());
            double[] terminal = logDensities(p.mixture(), model.sde(), model.sde().tMax(), latents);
            double[] prior = model.sde().prior().logDensity(r.latent()).toType(DataType.FLOAT64, false).toDoubleArray();
            double[] signed = new double[ll.length];
            double abs = 0;
            double solver = 0;
            double gap = 0;
            for (int i = 0; i < ll.length; i++) {
                signed[i] = ll[i] - exact[i];
                abs += Math.abs(signed[i]) / ll.length;
                solver += Math.abs(signed[i] - prior[i] + terminal[i]) / ll.length;
                gap += Math.abs(prior[i] - terminal[i]) / ll.length;
            }
            return new Row(p.name(), p.dim(), e.toString(), k, rtol, r.nfe(), wall, abs, MeanEstimate.of(signed), solver, gap);
        }
    }

    /** An estimator's name with its probe count (0 for the exact divergence, which has none). */
    private static String label(String estimator, int probes) {
        return probes == 0 ? estimator : estimator + " x" + probes;
    }

    /** Exact log p_t of each row under the mixture diffused to t. */
    private static double[] logDensities(GaussianMixture mixture, Sde sde, double t, double[][] rows) {
        GaussianMixture marginal = mixture.diffused(sde.a(t), sde.s(t));
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = marginal.logDensity(rows[i]);
        }
        return out;
    }

    private static double[] flat(double[][] rows) {
        double[] out = new double[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }

    private static void writeCsv(Path file, List<Row> rows) {
        StringBuilder b = new StringBuilder("problem,dim,estimator,probes,rtol,nfe,wall_seconds,mean_abs_error,mean_abs_error_bits_per_dim,"
                + "bias,bias_standard_error,solver_abs_error,prior_gap\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%s,%.0f,%.4f,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g%n", r.problem(), r.dim(), r.estimator(),
                    r.probes(), r.rtol(), r.nfe(), r.wall(), r.meanAbsError(), r.perDimBits(r.meanAbsError()), r.bias().mean(),
                    r.bias().standardError(), r.solverAbsError(), r.priorGap()));
        }
        Outputs.writeText(file, b.toString());
    }

    private String markdown(List<Row> rows, Sde s, List<String> sources) {
        StringBuilder b = new StringBuilder("# Likelihood benchmark: error of log p_eps vs tolerance and NFE\n\n");
        b.append(String.format(Locale.ROOT, "SDE %s (eps %.0e), adaptive Dormand-Prince with atol = rtol, %s, Hutchinson probes per"
                + " example %s (x K in the table), seed %d, threads %s.%n%n", s.name(), s.eps(), float64 ? "float64" : "float32",
                probes.stream().map(String::valueOf).collect(Collectors.joining(", ")), seed,
                System.getProperty("ai.djl.pytorch.num_threads")));
        for (String source : sources) {
            b.append("- ").append(source).append('\n');
        }
        b.append("\nErrors are against the exact log p_eps of each example. *mean abs error* is end to end; *bias* is the mean signed error")
                .append(" (+- its standard error over examples: Hutchinson's noise averages out, its bias does not); *solver error* replaces the")
                .append(" prior's log density at x_T by the exact log p_T(x_T), leaving the solver and the divergence; *prior gap* is the")
                .append(" mean |log prior(x_T) - log p_T(x_T)|, the floor a finite T sets. Bits/dim = nats / (D ln 2).\n\n")
                .append("| problem | D | divergence | rtol | NFE | s | mean abs error (nats) | (bits/dim) | bias (nats) | solver error | prior gap |\n")
                .append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %.0e | %.0f | %.2f | %.3g | %.2g | %.3g +- %.2g | %.3g | %.3g |%n", r.problem(),
                    r.dim(), r.divergence(), r.rtol(), r.nfe(), r.wall(), r.meanAbsError(), r.perDimBits(r.meanAbsError()), r.bias().mean(),
                    r.bias().standardError(), r.solverAbsError(), r.priorGap()));
        }
        return b.toString();
    }

    /** Per problem two log-log panels, mean |error| vs rtol and vs NFE, a series per divergence and the prior gap. */
    private void plot(Path file, List<Row> rows) {
        List<BufferedImage> panels = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (String problem : problems) {
            List<Row> mine = rows.stream().filter(r -> r.problem().equals(problem)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            LinePlot.Builder byTol = LinePlot.builder().title(problem + ": error vs tolerance").axisLabels("rtol", "mean |log p - exact| (nats)")
                    .logX(true).logY(true).size(700, 500);
            LinePlot.Builder byNfe = LinePlot.builder().title(problem + ": error vs NFE").axisLabels("NFE", "mean |log p - exact| (nats)")
                    .logX(true).logY(true).size(700, 500);
            // Every requested divergence gets a series, empty where it did not run, so that it keeps its colour across panels.
            for (EstimatorChoice e : estimators) {
                for (int k : e == EstimatorChoice.EXACT ? List.of(0) : probes) {
                    String name = label(e.toString(), k);
                    List<Row> runs = mine.stream().filter(r -> r.divergence().equals(name)).toList();
                    double[] errors = runs.stream().mapToDouble(Row::meanAbsError).toArray();
                    byTol.series(name, runs.stream().mapToDouble(Row::rtol).toArray(), errors);
                    byNfe.series(name, runs.stream().mapToDouble(Row::nfe).toArray(), errors);
                }
            }
            double gap = mine.stream().mapToDouble(Row::priorGap).average().orElse(Double.NaN);
            double[] tolRange = {mine.stream().mapToDouble(Row::rtol).min().orElse(1), mine.stream().mapToDouble(Row::rtol).max().orElse(1)};
            double[] nfeRange = {mine.stream().mapToDouble(Row::nfe).min().orElse(1), mine.stream().mapToDouble(Row::nfe).max().orElse(1)};
            byTol.series("prior gap", tolRange, new double[] {gap, gap});
            byNfe.series("prior gap", nfeRange, new double[] {gap, gap});
            panels.add(byTol.build().render());
            panels.add(byNfe.build().render());
            captions.add(problem + " (D = " + mine.get(0).dim() + ")");
            captions.add(problem + " (D = " + mine.get(0).dim() + ")");
        }
        try {
            Grid.write(panels, captions, 2, file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
