package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.model.CountingScoreModel;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.Constraint;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sample.SamplerSettings;
import io.github.scoresde.sample.Samples;
import io.github.scoresde.sample.Schedule;
import io.github.scoresde.sample.SamplingContext;
import io.github.scoresde.sample.StepListener;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One sampling run: draw from the prior, sample, judge the samples against the {@link Truth}, and
 * write them with their picture samples.png and metrics.json. Shared by {@code sample},
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

        /** The sampler's time grid; a user error for too few steps or a grid the sampler cannot take. */
        Schedule schedule() {
            return sampler.schedule(settings, steps, eps);
        }
    }

    /** A request for the exact score of {@code mixture}. */
    static Request exact(String name, GaussianMixture mixture, Sde sde, SamplerKind sampler, SamplerSettings settings,
            int steps, double eps, int n, long seed, boolean float64) {
        return new Request(name, m -> new ExactMixtureModel(mixture, sde, m), PointTruth.of(mixture), sde, sampler, settings,
                steps, eps, n, seed, float64);
    }

    /** What came out: the samples (one flattened example per row) and the metrics record. */
    record Result(double[][] samples, Map<String, Object> metrics) {}

    private SampleRun() {}

    /** Runs {@code r} and judges its samples by the request's truth. */
    static Result run(Request r, StepListener listener) {
        return run(r, listener, Constraint.NONE);
    }

    /** A run whose sampler applies {@code constraint} after every step (imputation). */
    static Result run(Request r, StepListener listener, Constraint constraint) {
        return run(r, listener, constraint, samples -> r.truth().quality(samples, r.seed()));
    }

    /**
     * A run whose samples are judged by {@code judge} (the "metrics" of the record) instead of the
     * request's truth; judging is not part of the wall time.
     */
    static Result run(Request r, StepListener listener, Constraint constraint, Function<double[][], Map<String, Object>> judge) {
        try (NDManager manager = NDManager.newBaseManager()) {
            CountingScoreModel model = new CountingScoreModel(r.model().apply(manager));
            Rng rng = new Rng(r.seed());
            DataType type = r.float64() ? DataType.FLOAT64 : DataType.FLOAT32;
            NDArray start = r.sde().prior().sample(manager, new Shape(r.n()).addAll(new Shape(r.truth().exampleShape())), type, rng);
            long t0 = System.nanoTime();
            Schedule schedule = r.schedule();
            Samples out = r.sampler().build(r.settings(), r.steps()).sample(model, start, schedule, new SamplingContext(rng, listener, constraint));
            double wall = (System.nanoTime() - t0) / 1e9;
            double[][] samples = Shapes.rows(out.x().reshape(r.n(), -1));

            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.modelName());
            m.put("sde", r.sde().name());
            m.put("sde_parameters", r.sde());
            m.put("sampler", r.sampler().cliName());
            m.put("settings", r.settings());
            m.put("schedule", java.util.Map.of("kind", schedule.getClass().getSimpleName(), "parameters", schedule));
            m.put("steps", r.steps());
            m.put("n", r.n());
            m.put("dtype", type.toString().toLowerCase(java.util.Locale.ROOT));
            m.put("nfe", out.nfe());
            m.put("wall_seconds", wall);
            m.put("model_seconds", model.nanos() / 1e9);
            m.put("samples_per_second", r.n() / wall);
            m.put("metrics", judge.apply(samples));
            m.put("provenance", Outputs.provenance(r.seed()));
            return new Result(samples, m);
        }
    }

    /** One line on the samples: NFE, and the distance to the truth with its noise floor where measured. */
    static String summary(Result result) {
        Map<?, ?> q = (Map<?, ?>) result.metrics().get("metrics");
        String distance = q.containsKey("sliced_w2") ? String.format(java.util.Locale.ROOT, ", sliced W2 %.4f (noise floor %.4f)",
                q.get("sliced_w2"), q.get("sliced_w2_noise_floor")) : "";
        String modes = q.containsKey("mode_weight_max_error")
                ? String.format(java.util.Locale.ROOT, ", mode-weight error %.4f", q.get("mode_weight_max_error")) : "";
        return String.format(java.util.Locale.ROOT, "NFE %s, %.1fs%s%s", result.metrics().get("nfe"),
                (Double) result.metrics().get("wall_seconds"), distance, modes);
    }

    /** Writes the samples (samples.csv or an image file), their picture samples.png and metrics.json into {@code dir}. */
    static void write(Request r, Result result, Path dir) {
        r.truth().writeSamples(result.samples(), dir);
        Outputs.writeJson(dir.resolve("metrics.json"), result.metrics());
        Outputs.writePng(picture(r, result), dir.resolve("samples.png"));
    }

    /** The picture of a run's samples. */
    static BufferedImage picture(Request r, Result result) {
        return r.truth().picture(r.title(), result.samples(), r.seed());
    }
}
