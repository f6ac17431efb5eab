package io.github.scoresde.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scoresde.UserInputException;
import io.github.scoresde.eval.ClassifierTraining;
import io.github.scoresde.eval.ImageClassifier;
import io.github.scoresde.train.Checkpoint;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.ImageDataSets;
import io.github.scoresde.train.data.KnownImageSet;
import io.github.scoresde.train.data.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scoresde classifier}: the image classifiers whose features and probabilities the eval command scores with. */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = "Image classifiers for FID and Inception-style scores (SPEC §7): train one on a labelled image set.",
        subcommands = {ClassifierCommand.Train.class, CommandLine.HelpCommand.class})
final class ClassifierCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use 'classifier train'");
    }

    /** {@code scoresde classifier train} (also {@code scoresde train-classifier}). */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train the small convolutional classifier (3 convolutions, 64 features) on labelled images by cross-entropy"
                    + " with Adam, measure its accuracy on the test split, and write its checkpoint.",
                "Example: scoresde classifier train --data mnist --out models/classifier-mnist.ckpt"})
    static final class Train implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        CommandSpec spec;

        @Mixin
        RunOptions run;

        @Option(names = "--data", paramLabel = "D", required = true,
                description = "Labelled training images: mnist, fashion-mnist, or a folder with one subfolder of .png images per class.")
        String data;

        @Option(names = "--test", paramLabel = "D",
                description = "Labelled test images (default: the :test split of a known set; none for a folder).")
        String test;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "4", description = "Passes over the training images (default 4).")
        int epochs;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "128", description = "Images per step (default 128).")
        int batch;

        @Option(names = "--lr", paramLabel = "LR", defaultValue = "1e-3", description = "Adam's learning rate (default 1e-3).")
        double lr;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the initialisation and the image order (default 0).")
        long seed;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "The checkpoint to write (e.g. classifier.ckpt).")
        Path out;

        @Override
        public Integer call() {
            ClassifierTraining.Settings settings = settings();
            ImageData train = ImageDataSets.load(data);
            requireLabels(train, data);
            String testName = test != null ? test : KnownImageSet.byName(data).map(s -> s.cliName() + ":test").orElse(null);
            ImageData testImages = testName == null ? null : ImageDataSets.load(testName);
            if (testImages != null) {
                requireLabels(testImages, testName);
                if (!Arrays.equals(testImages.exampleShape(), train.exampleShape()) || !testImages.classNames().equals(train.classNames())) {
                    throw new UserInputException(testName + " does not have the images shape and classes of " + data + ": give a test set of the same kind");
                }
            }
            Outputs.prepareDir(out.toAbsolutePath().getParent());
            run.applyThreads();
            ObjectNode extra = JSON.createObjectNode();
            extra.set("provenance", JSON.valueToTree(Outputs.provenance(seed)));
            Progress progress = new Progress(spec.commandLine().getErr(), "classifier");
            try (NDManager nd = NDManager.newBaseManager()) {
                Checkpoint checkpoint = ClassifierTraining.train(train, data, settings, extra, nd,
                        (step, total, loss) -> progress.update(step, total, String.format(Locale.ROOT, "loss %.4f", loss)));
                progress.finish();
                double accuracy = Double.NaN;
                if (testImages != null) {
                    try (ImageClassifier c = ImageClassifier.of(checkpoint, out.toString(), "", nd)) {
                        accuracy = c.classify(testImages, testImages.size()).accuracy(testImages.labels().orElseThrow());
                    }
                    ObjectNode t = checkpoint.header().putObject("test");
                    t.put("data", testName);
                    t.put("images", testImages.size());
                    t.put("accuracy", accuracy);
                }
                checkpoint.write(out);
                long parameters = checkpoint.tensors().values().stream().mapToLong(x -> x.values().length).sum();
                spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d parameters, %d epochs in %.0f s%s -> %s (sha256 %s)%n", data, parameters,
                        epochs, checkpoint.header().path("training").path("wall_seconds").asDouble(),
                        testImages == null ? "" : String.format(Locale.ROOT, ", test accuracy %.4f on %s", accuracy, testName), out,
                        Sha256.of(out));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
            return 0;
        }

        private ClassifierTraining.Settings settings() {
            if (epochs < 1 || batch < 1 || !(lr > 0 && lr <= 1)) {
                throw new UserInputException("need --epochs >= 1, --batch >= 1 and --lr in (0, 1], got " + epochs + ", " + batch + ", " + lr);
            }
            return new ClassifierTraining.Settings(epochs, batch, lr, seed);
        }

        private static void requireLabels(ImageData images, String name) {
            if (images.labels().isEmpty() || images.classNames().size() < 2) {
                throw new UserInputException(name + " has no class labels: use mnist, fashion-mnist or a folder with one subfolder of"
                        + " .png images per class (at least two)");
            }
        }
    }
}
