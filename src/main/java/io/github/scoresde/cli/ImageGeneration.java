package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.UserInputException;
import io.github.scoresde.condition.ClassifierGuidance;
import io.github.scoresde.condition.NoisyImageClassifier;
import io.github.scoresde.eval.ImageClassifier;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.Sampler;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sample.SamplerSettings;
import io.github.scoresde.sample.SamplingContext;
import io.github.scoresde.sample.Samples;
import io.github.scoresde.sample.Schedule;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.train.data.KnownImageSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Class-conditional images from one unconditional model by classifier guidance with a noisy
 * classifier (SPEC §6): for each class, {@code n} samples of score + w grad log p_t(y | x).
 * Writes {@code samples.png} (one row per class) and {@code metrics.json}, with the accuracy of
 * the samples under the project's shipped clean classifier of the data set where there is one.
 */
final class ImageGeneration {
    private ImageGeneration() {}

    /** The run's choices. */
    record Request(ModelTarget target, Path classifier, List<Integer> labels, double guidance, int n, SamplerKind kind,
            SamplerSettings settings, int steps, double eps, long seed, Path out) {}

    static void run(Request r, PrintWriter stdout, PrintWriter err) {
        ModelTarget t = r.target();
        if (!t.images()) {
            throw new UserInputException("--classifier guides an image model: give --checkpoint of a model trained on images");
        }
        Schedule schedule = r.kind().schedule(r.settings(), r.steps(), r.eps());
        Sampler sampler = r.kind().build(r.settings(), r.steps());
        Map<String, Object> metrics = new LinkedHashMap<>();
        List<double[]> rows = new ArrayList<>();
        try (NDManager nd = NDManager.newBaseManager(); NoisyImageClassifier noisy = NoisyImageClassifier.load(r.classifier(), t.sde(), nd)) {
            for (int label : r.labels()) {
                if (label < 0 || label >= noisy.classes()) {
                    throw new UserInputException("--class " + label + " is not a class of " + r.classifier() + ": give 0.." + (noisy.classes() - 1));
                }
            }
            Path dir = Outputs.prepareDir(r.out());
            Optional<KnownImageSet> set = KnownImageSet.byName(noisy.dataName());
            ScoreModel base = t.open(nd, DataType.FLOAT32);
            Rng rng = new Rng(r.seed());
            Map<String, Object> perClass = new LinkedHashMap<>();
            int nfe = 0;
            int correct = 0;
            long begin = System.nanoTime();
            try (ImageClassifier judge = set.map(s -> ImageClassifier.shipped(s, nd)).orElse(null)) {
                for (int label : r.labels()) {
                    try (NDManager scope = nd.newSubManager()) {
                        NDArray start = t.sde().prior().sample(scope, new Shape(r.n()).addAll(t.exampleShape()), DataType.FLOAT32, rng);
                        Progress progress = new Progress(err, "generate class " + label);
                        Samples s = sampler.sample(new ClassifierGuidance(base, noisy, label, r.guidance()), start, schedule,
                                new SamplingContext(rng, progress));
                        progress.finish();
                        nfe += s.nfe();
                        rows.addAll(List.of(RestorationRun.flat(s.x())));
                        if (judge != null) {
                            int[] predicted = judge.classify(s.x()).labels();
                            int hits = 0;
                            for (int p : predicted) {
                                hits += p == label ? 1 : 0;
                            }
                            correct += hits;
                            perClass.put(Integer.toString(label), hits / (double) r.n());
                        }
                    }
                }
                double seconds = (System.nanoTime() - begin) / 1e9;
                metrics.put("task", "generate");
                metrics.put("model", t.name());
                metrics.put("sde", t.sde().name());
                metrics.put("classifier", r.classifier().toString());
                metrics.put("classes", r.labels());
                metrics.put("guidance", r.guidance());
                metrics.put("n_per_class", r.n());
                metrics.put("sampler", r.kind().toString());
                metrics.put("steps", r.steps());
                metrics.put("nfe", nfe);
                metrics.put("wall_seconds", seconds);
                if (judge != null) {
                    double accuracy = correct / (double) (r.n() * r.labels().size());
                    metrics.put("class_accuracy", accuracy);
                    metrics.put("class_accuracy_per_class", perClass);
                    metrics.put("judge", Map.of("source", judge.source(), "sha256", judge.sha256(), "test_accuracy", judge.testAccuracy()));
                    stdout.printf(Locale.ROOT, "%s | generate classes %s, guidance %.3g: accuracy %.3f under %s, NFE %d, %.1fs -> %s%n",
                            t.name(), r.labels(), r.guidance(), accuracy, judge.source(), nfe, seconds, dir);
                } else {
                    stdout.printf(Locale.ROOT, "%s | generate classes %s, guidance %.3g: NFE %d, %.1fs -> %s%n", t.name(), r.labels(),
                            r.guidance(), nfe, seconds, dir);
                }
            }
            metrics.put("provenance", Outputs.provenance(r.seed()));
            Outputs.writeJson(dir.resolve("metrics.json"), metrics);
            Outputs.writePng(ExamplePictures.grid(rows, t.shape(), t.scaling(), r.n(), List.of()), dir.resolve("samples.png"));
        }
    }
}
