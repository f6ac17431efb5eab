package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.eval.LowDimReport;
import io.github.scoresde.eval.ModeWeights;
import io.github.scoresde.eval.SlicedWasserstein;
import io.github.scoresde.model.CountingScoreModel;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.train.data.ToyData;
import io.github.scoresde.plot.ScatterPlot;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sample.SamplerSettings;
import io.github.scoresde.sample.Samples;
import io.github.scoresde.sample.SamplingContext;
import io.github.scoresde.sample.StepListener;
import io.github.scoresde.sample.UniformTime;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One sampling run: draw from the prior, sample, compare with samples of the truth of the same
 * size, and write samples.csv, samples.png and metrics.json. Shared by {@code sample},
 * {@code demo}, {@code bench} and {@code train}.
 */
final class SampleRun {
    /**
     * What to run.
     *
     * @param modelName name of the model (for titles and metrics)
     * @param model opens the score model in a manager (closed with it)
     * @param truth what the samples are compared with
     * @param eps end time of sampling, NaN for the SDE's default
     */
    record Request(String modelName, Function<NDManager, ScoreModel> model, Truth truth, Sde sde, SamplerKind sampler,
            SamplerSettings settings, int steps, double eps, int n, long seed, boolean float64) {
        String title() {
            return modelName + " | " + sde.name() + " | " + sampler + " | " + steps + " steps";
        }
    }

    /**
     * The distribution samples should follow: a data source to draw reference samples from,
     * and the mixture whose mode weights are reported when there is one (else null).
     */
    record Truth(ToyData data, GaussianMixture mixture) {
        /** The exact mixture as truth. */
        static Truth of(GaussianMixture mixture) {
            return new Truth(ToyData.mixture(mixture), mixture);
        }

        int dim() {
            return Math.toIntExact(data.exampleShape()[0]);
        }
    }

    /** A request for the exact score of {@code mixture}. */
    static Request exact(String name, GaussianMixture mixture, Sde sde, SamplerKind sampler, SamplerSettings settings,
            int steps, double eps, int n, long seed, boolean float64) {
        return new Request(name, m -> new ExactMixtureModel(mixture, sde, m), Truth.of(mixture), sde, sampler, settings,
                steps, eps, n, seed, float64);
    }

    /** What came out: samples, exact reference samples and the metrics record. */
    record Result(double[][] samples, double[][] reference, Map<String, Object> metrics) {}

    private SampleRun() {}

    static Result run(Request r, StepListener listener) {
        try (NDManager manager = NDManager.newBaseManager()) {
            CountingScoreModel model = new CountingScoreModel(r.model().apply(manager));
            Rng rng = new Rng(r.seed());
            DataType type = r.float64() ? DataType.FLOAT64 : DataType.FLOAT32;
            NDArray start = r.sde().prior().sample(manager, new Shape(r.n(), r.truth().dim()), type, rng);
            long t0 = System.nanoTime();
            Samples out = r.sampler().build(r.settings(), r.steps())
                    .sample(model, start, new UniformTime(r.steps(), r.eps()), new SamplingContext(rng, listener));
            double wall = (System.nanoTime() - t0) / 1e9;
            double[][] samples = Shapes.rows(out.x());
            double[][] reference = r.truth().data().sample(r.n(), new SplittableRandom(r.seed() ^ 0x5DEECE66DL));

            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.modelName());
            m.put("sde", r.sde().name());
            m.put("sde_parameters", r.sde());
            m.put("sampler", r.sampler().cliName());
            m.put("settings", r.settings());
            m.put("steps", r.steps());
            m.put("n", r.n());
            m.put("dtype", type.toString().toLowerCase(java.util.Locale.ROOT));
            m.put("nfe", out.nfe());
            m.put("wall_seconds", wall);
            m.put("model_seconds", model.nanos() / 1e9);
            m.put("samples_per_second", r.n() / wall);
            m.put("metrics", quality(r.truth(), samples, reference, r.seed()));
            m.put("provenance", Outputs.provenance(r.seed()));
            return new Result(samples, reference, m);
        }
    }

    /**
     * Sliced W2, energy distance and RBF-MMD against reference samples, the sliced-W2 noise floor
     * between two reference sets of this size (to judge the first by), and mode weights when the
     * truth is a mixture.
     */
    static Map<String, Object> quality(Truth truth, double[][] samples, double[][] reference, long seed) {
        List<double[]> finite = new ArrayList<>();
        for (double[] p : samples) {
            if (java.util.Arrays.stream(p).allMatch(Double::isFinite)) {
                finite.add(p);
            }
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("non_finite_samples", samples.length - finite.size());
        if (finite.size() < 2) {
            return q;
        }
        double[][] x = finite.toArray(new double[0][]);
        SplittableRandom rnd = new SplittableRandom(seed);
        q.putAll(LowDimReport.compute(x, reference, rnd.split()).asMap());
        double[][] second = truth.data().sample(reference.length, rnd.split());
        q.put("sliced_w2_noise_floor", SlicedWasserstein.distance(second, reference, rnd.split()));
        GaussianMixture mixture = truth.mixture();
        if (mixture == null) {
            return q;
        }
        double[] weights = ModeWeights.of(x, mixture::mostLikelyComponent, mixture.components());
        q.put("mode_weights", weights);
        q.put("mode_weights_exact", mixture.weights());
        q.put("mode_weight_max_error", ModeWeights.maxAbsError(weights, mixture.weights()));
        return q;
    }

    /** Writes samples.csv, samples.png and metrics.json into {@code dir}. */
    static void write(Request r, Result result, Path dir) {
        Outputs.writeCsv(dir.resolve("samples.csv"), result.samples());
        Outputs.writeJson(dir.resolve("metrics.json"), result.metrics());
        try {
            scatter(r, result).write(dir.resolve("samples.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scatter plot of samples (first two coordinates) over exact samples. */
    static ScatterPlot scatter(Request r, Result result) {
        return ScatterPlot.builder()
                .title(r.title())
                .axisLabels("x0", "x1")
                .equalAspect(true)
                .layer(r.truth().mixture() != null ? "exact" : "data", result.reference(), ScatterPlot.REFERENCE_GREY)
                .layer("samples", result.samples(), ScatterPlot.SAMPLE_BLUE)
                .build();
    }
}
