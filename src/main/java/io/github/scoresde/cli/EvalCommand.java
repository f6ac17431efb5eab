package io.github.scoresde.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.UserInputException;
import io.github.scoresde.eval.FrechetDistance;
import io.github.scoresde.eval.ImageClassifier;
import io.github.scoresde.eval.InceptionScore;
import io.github.scoresde.eval.LowDimReport;
import io.github.scoresde.eval.PrecisionRecall;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.KnownImageSet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scoresde eval}: sample quality against a reference, FID and Inception-style score for images, sliced W2 and friends for points. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Scores samples against reference data and writes JSON. Images: FID on the features of the project's own"
                + " classifier and the Inception-style score exp(E KL(p(y|x) || p(y))) on its probabilities; these are NOT comparable"
                + " with Inception-based FID/IS; also k-NN precision and recall of the features. Points: sliced W2, energy distance and RBF-MMD.",
            "Example: scoresde eval --samples runs/mnist-pc --reference mnist:test --out runs/mnist-pc-eval"})
final class EvalCommand implements Callable<Integer> {
    /** Images or points used from each side when --n is not given. */
    static final int DEFAULT_LIMIT = 10_000;
    static final String NOT_COMPARABLE = "FID and IS here use the features and probabilities of scoresde's own small classifier"
            + " for this data set, not Inception-v3: they are not comparable with Inception-based FID/IS.";

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--samples", paramLabel = "S", required = true, description = "The samples: " + EvalInput.HELP)
    String samples;

    @Option(names = "--reference", paramLabel = "R", required = true,
            description = "The reference, as --samples, or for points also a mixture or toy data name (gmm8, moons, ...).")
    String reference;

    @Option(names = "--classifier", paramLabel = "C",
            description = "Images: mnist or fashion-mnist (the shipped classifiers) or a checkpoint of scoresde classifier train"
                    + " (default: the shipped classifier of the data set --reference or --samples names).")
    String classifier;

    @Option(names = "--n", paramLabel = "N", description = "Use at most the first N images or points of each side (default " + DEFAULT_LIMIT + ").")
    Integer n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the projections, subsamples and reference draws (default 0).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/eval.json.")
    Path out;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON to FILE (without --out or --json it goes to stdout).")
    Path json;

    @Override
    public Integer call() {
        int limit = n == null ? DEFAULT_LIMIT : n;
        if (limit < 2) {
            throw new UserInputException("--n must be >= 2, got " + limit);
        }
        EvalInput s = EvalInput.resolve(samples, "--samples", limit, false);
        EvalInput r = EvalInput.resolve(reference, "--reference", limit, true);
        if (s instanceof EvalInput.Images && !(r instanceof EvalInput.Images) || !(s instanceof EvalInput.Images) && r instanceof EvalInput.Images) {
            throw new UserInputException("--samples " + samples + " holds " + kind(s) + " but --reference " + reference + " holds " + kind(r)
                    + ": compare images with images and points with points");
        }
        long start = System.nanoTime();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("samples", samples);
        report.put("reference", reference);
        if (s instanceof EvalInput.Images si) {
            images(si, (EvalInput.Images) r, report);
        } else {
            points(((EvalInput.Points) s).rows(), r, report);
        }
        report.put("wall_seconds", (System.nanoTime() - start) / 1e9);
        report.put("provenance", Outputs.provenance(seed));
        write(report);
        return 0;
    }

    private static String kind(EvalInput input) {
        return input instanceof EvalInput.Images ? "images" : "points";
    }

    /** FID, Inception-style scores, class fractions and accuracies on classifier outputs. */
    private void images(EvalInput.Images s, EvalInput.Images r, Map<String, Object> report) {
        long[] shape = s.images().exampleShape();
        if (!Arrays.equals(shape, r.images().exampleShape())) {
            throw new UserInputException("--samples holds images of shape " + new Shape(shape) + " but --reference of shape "
                    + new Shape(r.images().exampleShape()) + ": compare images of one shape");
        }
        run.applyThreads();
        try (NDManager nd = NDManager.newBaseManager(); ImageClassifier c = classifier(s, r, nd)) {
            if (!Arrays.equals(shape, c.inputShape())) {
                throw new UserInputException("the classifier " + c.source() + " takes images " + new Shape(c.inputShape()) + " but these are "
                        + new Shape(shape) + ": give --classifier for this kind of image");
            }
            int needed = FrechetDistance.minSamples(c.featureDim());
            for (EvalInput.Images side : List.of(s, r)) {
                if (side.count() < needed) {
                    throw new UserInputException("FID on the classifier's " + c.featureDim() + " features needs at least " + needed
                            + " images on each side (the " + c.featureDim() + " x " + c.featureDim() + " covariance of fewer is singular), but "
                            + side.name() + " has " + side.count() + ": use more images (scoresde sample --n, or a larger --n here)");
                }
            }
            prepareOutputs();
            ImageClassifier.Predictions ps = c.classify(s.images(), s.count());
            ImageClassifier.Predictions pref = c.classify(r.images(), r.count());
            report.put("kind", "images");
            report.put("n_samples", s.count());
            report.put("n_reference", r.count());
            report.put("image_shape", shape);
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("source", c.source());
            cm.put("sha256", c.sha256());
            cm.put("trained_on", c.dataName());
            cm.put("test_accuracy", Double.isNaN(c.testAccuracy()) ? null : c.testAccuracy());
            cm.put("classes", c.classNames());
            report.put("classifier", cm);
            report.put("feature_dim", c.featureDim());
            report.put("fid", FrechetDistance.of(ps.features(), pref.features()));
            report.put("is", InceptionScore.of(ps.probabilities()));
            report.put("is_reference", InceptionScore.of(pref.probabilities()));
            PrecisionRecall pr = PrecisionRecall.of(ps.features(), pref.features(), new SplittableRandom(seed));
            report.put("precision", pr.precision());
            report.put("recall", pr.recall());
            report.put("precision_recall_settings", Map.of("k", PrecisionRecall.DEFAULT_K, "max_points", PrecisionRecall.DEFAULT_MAX_POINTS));
            report.put("class_fractions", fractions(ps.labels(), c.classNames().size()));
            report.put("class_fractions_reference", fractions(pref.labels(), c.classNames().size()));
            accuracy(s, ps, c).ifPresent(a -> report.put("accuracy", a));
            accuracy(r, pref, c).ifPresent(a -> report.put("accuracy_reference", a));
            report.put("note", NOT_COMPARABLE);
        }
    }

    /** The --classifier, or the shipped one of the set that the reference (else the samples) names. */
    private ImageClassifier classifier(EvalInput.Images s, EvalInput.Images r, NDManager nd) {
        if (classifier != null) {
            Optional<KnownImageSet> set = KnownImageSet.byName(classifier);
            return set.isPresent() ? ImageClassifier.shipped(set.get(), nd) : ImageClassifier.load(Path.of(classifier), nd);
        }
        KnownImageSet set = r.knownSet().or(s::knownSet).orElseThrow(() -> new UserInputException(
                "neither --samples nor --reference names a data set with a shipped classifier: give --classifier "
                        + String.join(", ", KnownImageSet.names()) + " or a checkpoint of scoresde classifier train"));
        return ImageClassifier.shipped(set, nd);
    }

    /** Fraction of images assigned to each class. */
    private static double[] fractions(int[] labels, int classes) {
        long[] counts = new long[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return Arrays.stream(counts).mapToDouble(c -> (double) c / labels.length).toArray();
    }

    /**
     * Accuracy of the classifier on images whose labels it can read: class names equal to the
     * classifier's, or class indices as names (folders 0/, 1/, ... of class-conditional samples).
     * A known data set is scored only by its own classifier: MNIST's labels "0" to "9" are not
     * Fashion-MNIST's class indices.
     */
    private static Optional<Double> accuracy(EvalInput.Images input, ImageClassifier.Predictions p, ImageClassifier c) {
        ImageData images = input.images();
        Optional<int[]> labels = images.labels();
        if (labels.isEmpty() || input.knownSet().filter(set -> !set.cliName().equals(c.dataName())).isPresent()) {
            return Optional.empty();
        }
        int[] toClassifier = new int[images.classNames().size()];
        for (int i = 0; i < toClassifier.length; i++) {
            String name = images.classNames().get(i);
            int index = c.classNames().indexOf(name);
            if (index < 0 && name.matches("\\d{1,9}")) {
                index = Integer.parseInt(name);
            }
            if (index < 0 || index >= c.classNames().size()) {
                return Optional.empty();
            }
            toClassifier[i] = index;
        }
        int[] mapped = Arrays.stream(labels.get()).limit(p.size()).map(l -> toClassifier[l]).toArray();
        return Optional.of(p.accuracy(mapped));
    }

    /** Sliced W2, energy distance and MMD (and the noise floor and mode weights against a named distribution). */
    private void points(double[][] s, EvalInput r, Map<String, Object> report) {
        if (s.length < 2) {
            throw new UserInputException("--samples " + samples + " has " + s.length + " point; the metrics need at least 2");
        }
        int dim = s[0].length;
        long refDim = r instanceof EvalInput.Named named ? named.truth().exampleShape()[0] : ((EvalInput.Points) r).rows()[0].length;
        if (refDim != dim) {
            throw new UserInputException("--samples has points of dimension " + dim + " but --reference of dimension " + refDim
                    + ": compare points of one dimension");
        }
        if (r instanceof EvalInput.Points p && p.rows().length < 2) {
            throw new UserInputException("--reference " + reference + " has 1 point; the metrics need at least 2");
        }
        prepareOutputs();
        report.put("kind", "points");
        report.put("n_samples", s.length);
        report.put("dim", dim);
        if (r instanceof EvalInput.Named named) {
            report.put("n_reference", s.length);
            report.putAll(named.truth().quality(s, seed));
        } else {
            double[][] ref = ((EvalInput.Points) r).rows();
            report.put("n_reference", ref.length);
            report.putAll(LowDimReport.compute(s, ref, new SplittableRandom(seed)).asMap());
        }
    }

    /** Checks that the outputs can be written before the work starts. */
    private void prepareOutputs() {
        if (out != null) {
            Outputs.prepareDir(out);
        }
        if (json != null) {
            Outputs.prepareDir(json.toAbsolutePath().getParent());
        }
    }

    private void write(Map<String, Object> report) {
        if (out != null) {
            Outputs.writeJson(out.resolve("eval.json"), report);
        }
        if (json != null) {
            Outputs.writeJson(json, report);
        }
        if (out == null && json == null) {
            spec.commandLine().getOut().println(Outputs.toJson(report));
            return;
        }
        String what = report.get("kind").equals("images")
                ? String.format(Locale.ROOT, "FID %.4g, IS %.4g (reference %.4g) on %s features", (Double) report.get("fid"),
                        (Double) report.get("is"), (Double) report.get("is_reference"), report.get("feature_dim"))
                : String.format(Locale.ROOT, "sliced W2 %.4g, energy %.4g, MMD %.4g", (Double) report.get("sliced_w2"),
                        (Double) report.get("energy_distance"), (Double) report.get("mmd_rbf"));
        spec.commandLine().getOut().printf(Locale.ROOT, "%s vs %s: %s, %d vs %d -> %s%n", samples, reference, what, report.get("n_samples"),
                report.get("n_reference"), out != null ? out.resolve("eval.json") : json);
    }
}
