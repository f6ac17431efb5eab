package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.condition.ClassifierFreeGuidance;
import io.github.scoresde.condition.ClassifierGuidance;
import io.github.scoresde.condition.ExactMixtureClassifier;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.sample.Constraint;
import io.github.scoresde.sde.Sde;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code scoresde generate}: class-conditional samples of an exact mixture whose components are
 * the classes, by classifier guidance with the exact noisy classifier (the responsibilities) or
 * by classifier-free guidance with the class's exact score (SPEC §6).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Class-conditional samples of a mixture (its components are the classes) with guidance scale W;"
                + " writes samples.csv, samples.png and metrics.json.",
            "At --guidance 1 classifier guidance with the exact classifier samples the class's component exactly;"
                + " metrics compare with that component at any W.",
            "Images: --checkpoint F --classifier C --class K|--all-classes guides a trained model with a noisy classifier and"
                + " writes samples.png and metrics.json (accuracy under the shipped clean classifier).",
            "Example: scoresde generate --model gmm8 --sde vp --class 3 --guidance 1 --n 10000 --out runs/generate",
            "Example: scoresde generate --checkpoint models/mnist-vp.ckpt --classifier models/noisy-classifier-mnist-vp.ckpt"
                + " --all-classes --guidance 2 --sampler dpmpp-2m --steps 50 --out runs/generate-mnist"})
final class GenerateCommand implements Callable<Integer> {
    /** Images per class when --n is not given. */
    static final int IMAGES = 8;
    /** The classes --all-classes draws: the ten of MNIST and Fashion-MNIST. */
    static final int CLASSES_SHOWN = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    ExactSamplingOptions sampling;

    @Option(names = "--class", paramLabel = "K",
            description = "The class: a component index 0..K-1 of the mixture, or a class of the image classifier.")
    Integer label;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "A model trained on images, guided by --classifier.")
    Path checkpoint;

    @Option(names = "--classifier", paramLabel = "FILE",
            description = "A noisy classifier of `classifier train --noisy-for` for the --checkpoint model.")
    Path classifier;

    @Option(names = "--all-classes", description = "Images: --n samples of every class of the classifier, one row each.")
    boolean allClasses;

    @Option(names = "--guidance", paramLabel = "W", defaultValue = "1",
            description = "Guidance scale w >= 0 (default 1: Bayes' rule; > 1 sharpens, 0 is unconditional).")
    double guidance;

    @Option(names = "--classifier-free",
            description = "Classifier-free guidance (1 + w) s(x, y) - w s(x) instead (w = 0 is then the class itself).")
    boolean classifierFree;

    @Override
    public Integer call() {
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new UserInputException("--guidance must be a finite number >= 0, got " + guidance);
        }
        if (checkpoint != null || classifier != null || allClasses) {
            return generateImages();
        }
        if (label == null) {
            throw new UserInputException("give --class K (a component index of the mixture)");
        }
        ExactSamplingOptions.Chosen chosen = sampling.resolve();
        GaussianMixture mixture = chosen.mixture();
        if (label < 0 || label >= mixture.components()) {
            throw new UserInputException("--class " + label + " is not a class of " + chosen.name() + ": give a component index 0.."
                    + (mixture.components() - 1));
        }
        Sde sde = chosen.sde();
        String method = classifierFree ? "classifier-free" : "classifier";
        var request = sampling.request(chosen.name() + " class " + label + ", " + method + " guidance " + guidance, m -> {
            ExactMixtureClassifier classifier = new ExactMixtureClassifier(mixture, sde, m);
            return classifierFree ? new ClassifierFreeGuidance(classifier.classModel(label), classifier.unconditional(), guidance)
                    : new ClassifierGuidance(classifier.unconditional(), classifier, label, guidance);
        }, new ClassTruth(mixture, label), sde);
        sampling.runAndWrite(spec, "generate", request, Constraint.NONE, "guidance", Map.of("method", method, "class", label, "scale", guidance),
                metrics -> String.format(Locale.ROOT, ", class accuracy %.4f", metrics.get("class_accuracy")));
        return 0;
    }

    private int generateImages() {
        if (checkpoint == null || classifier == null || classifierFree || (label == null) == !allClasses) {
            throw new UserInputException("image generation takes --checkpoint F, --classifier C (a noisy classifier) and either --class K"
                    + " or --all-classes (classifier-free guidance needs a conditional model, which images do not have)");
        }
        int n = sampling.imagesOr(spec, IMAGES);
        ModelTarget t = sampling.imageModel(checkpoint);
        List<Integer> labels = allClasses ? IntStream.range(0, CLASSES_SHOWN).boxed().toList() : List.of(label);
        ImageGeneration.run(new ImageGeneration.Request(t, classifier, labels, guidance, n, sampling.sampler, sampling.samplerOptions.settings(),
                sampling.steps, sampling.eps == null ? Double.NaN : sampling.eps, sampling.seed, sampling.outOr("generate")),
                spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
