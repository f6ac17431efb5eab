package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.condition.ClassifierFreeGuidance;
import io.github.scoresde.condition.ClassifierGuidance;
import io.github.scoresde.condition.ExactMixtureClassifier;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.sample.Constraint;
import io.github.scoresde.sde.Sde;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
            "Example: scoresde generate --model gmm8 --sde vp --class 3 --guidance 1 --n 10000 --out runs/generate"})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExactSamplingOptions sampling;

    @Option(names = "--class", paramLabel = "K", required = true, description = "The class: a component index 0..K-1 of the mixture.")
    int label;

    @Option(names = "--guidance", paramLabel = "W", defaultValue = "1",
            description = "Guidance scale w >= 0 (default 1: Bayes' rule; > 1 sharpens, 0 is unconditional).")
    double guidance;

    @Option(names = "--classifier-free",
            description = "Classifier-free guidance (1 + w) s(x, y) - w s(x) instead (w = 0 is then the class itself).")
    boolean classifierFree;

    @Override
    public Integer call() {
        ExactSamplingOptions.Chosen chosen = sampling.resolve();
        GaussianMixture mixture = chosen.mixture();
        if (label < 0 || label >= mixture.components()) {
            throw new UserInputException("--class " + label + " is not a class of " + chosen.name() + ": give a component index 0.."
                    + (mixture.components() - 1));
        }
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new UserInputException("--guidance must be a finite number >= 0, got " + guidance);
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
}
