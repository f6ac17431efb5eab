package io.github.scoresde.condition;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scoresde.UserInputException;
import io.github.scoresde.eval.ClassifierTraining;
import io.github.scoresde.model.net.ConvClassifier;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Scopes;
import io.github.scoresde.tensor.Shapes;
import io.github.scoresde.train.Checkpoint;
import io.github.scoresde.train.data.ImageData;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * A time-dependent image classifier p_t(y | x_t) for classifier guidance (SPEC §6; Song et al.
 * 2021, App. I.1; Dhariwal & Nichol 2021): the project's small {@link ConvClassifier} trained by
 * cross-entropy on x_t = a(t) x0 + s(t) z with t ~ U(eps, T) under one SDE. The network sees
 * x_t / a(t) / sqrt(1 + sigma^2) (EDM's c_in, unit variance for unit-variance data) and one more
 * channel holding log(sigma(t)) / 4, which tells it the noise level. The gradient of log p_t(y|x)
 * comes from autograd.
 */
public final class NoisyImageClassifier implements NoisyClassifier, AutoCloseable {
    /** The checkpoint kind, so that FID never mistakes it for a clean classifier. */
    public static final String KIND = "noisy_image_classifier";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;

    private final NDManager manager;
    private final ConvClassifier network;
    private final ParameterStore store;
    private final Sde sde;
    private final int classes;
    private final String dataName;

    private NoisyImageClassifier(Checkpoint checkpoint, Sde sde, String source, NDManager parent) {
        if (!KIND.equals(checkpoint.header().path("kind").asText())) {
            throw new UserInputException(source + " is not a noisy classifier: give a file written by `scoresde classifier train --noisy-for`");
        }
        String trained = checkpoint.header().path("sde").toString();
        if (!trained.equals(JSON.valueToTree(new SdeRecord(sde.name(), sde)).toString())) {
            throw new UserInputException("the classifier " + source + " was trained under " + trained + ", not the model's "
                    + sde.name() + " SDE: train one for this model with `classifier train --noisy-for`");
        }
        this.sde = sde;
        this.manager = parent.newSubManager();
        try {
            this.network = ClassifierTraining.network(checkpoint, manager, source);
        } catch (UserInputException e) {
            manager.close();
            throw e;
        }
        this.classes = network.config().classes();
        this.dataName = checkpoint.header().path("data").path("name").asText();
        this.store = new ParameterStore(manager, false);
    }

    /** How the SDE is recorded in the checkpoint: its name and parameters. */
    private record SdeRecord(String name, Sde parameters) {}

    /**
     * A noisy classifier file for the score model's SDE.
     *
     * @throws UserInputException if the file is not one, or was trained under another SDE
     */
    public static NoisyImageClassifier load(Path file, Sde sde, NDManager parent) {
        return new NoisyImageClassifier(Checkpoint.read(file), sde, file.toString(), parent);
    }

    /** A noisy classifier from a checkpoint in memory. */
    public static NoisyImageClassifier of(Checkpoint checkpoint, Sde sde, NDManager parent) {
        return new NoisyImageClassifier(checkpoint, sde, "the checkpoint", parent);
    }

    /**
     * Trains one on labelled images under {@code sde}; the noise of step k is drawn from
     * (seed + 1, k), so the run is reproducible.
     */
    public static Checkpoint train(ImageData images, String dataName, Sde sde, ClassifierTraining.Settings settings, NDManager parent,
            ClassifierTraining.Listener listener) {
        ObjectNode extra = JSON.createObjectNode();
        extra.put("kind", KIND);
        extra.set("sde", JSON.valueToTree(new SdeRecord(sde.name(), sde)));
        ClassifierTraining.Inputs noisy = new ClassifierTraining.Inputs() {
            @Override
            public int extraChannels() {
                return 1;
            }

            @Override
            public NDArray prepare(NDArray x, long step) {
                Rng rng = Rng.forStep(settings.seed() + 1, step);
                long b = x.getShape().get(0);
                double[] t = new double[(int) b];
                for (int i = 0; i < t.length; i++) {
                    t[i] = sde.eps() + (sde.tMax() - sde.eps()) * rng.javaRandom().nextDouble();
                }
                NDArray times = x.getManager().create(t).toType(DataType.FLOAT32, false);
                NDArray noised = x.mul(Shapes.perSample(sde.a(times), x))
                        .addi(rng.normal(x.getManager(), x.getShape(), x.getDataType()).muli(Shapes.perSample(sde.s(times), x)));
                return input(noised, times, sde);
            }
        };
        return ClassifierTraining.train(images, dataName, settings, extra, parent, listener, noisy);
    }

    /** The network input for x_t [B, C, H, W] at times t [B]: c_in x_t / a and the log-sigma channel. */
    static NDArray input(NDArray x, NDArray t, Sde sde) {
        NDArray a = sde.a(t).toType(x.getDataType(), false);
        NDArray sigma = sde.s(t).toType(x.getDataType(), false).div(a);
        NDArray cIn = sigma.square().add(1).sqrt().mul(a).pow(-1);
        NDArray scaled = x.mul(Shapes.perSample(cIn, x));
        Shape shape = x.getShape();
        NDArray level = Shapes.perSample(sigma.log().div(4), x).broadcast(new Shape(shape.get(0), 1, shape.get(2), shape.get(3)));
        return scaled.concat(level, 1);
    }

    /** The name of the data it was trained on (mnist, fashion-mnist, a folder). */
    public String dataName() {
        return dataName;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public NDArray logProbability(NDArray x, NDArray t, int label) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> logits(x, t).logSoftmax(1).get(":, " + check(label))
                .toType(x.getDataType(), false));
    }

    @Override
    public NDArray gradient(NDArray x, NDArray t, int label) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> {
            NDArray xs = x.toType(DataType.FLOAT32, true);
            xs.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray log = logits(xs, t).logSoftmax(1).get(":, " + check(label)).sum();
                collector.backward(log);
            }
            return xs.getGradient().toType(x.getDataType(), true);
        });
    }

    /** The class probabilities p_t(y | x) [B, K], of x's type. */
    public NDArray probabilities(NDArray x, NDArray t) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> logits(x, t).softmax(1).toType(x.getDataType(), false));
    }

    /**
     * The fraction of the first n labelled images whose label is the most probable class after
     * diffusing them to time t (noise from seed).
     */
    public double accuracy(ImageData images, int n, double t, long seed) {
        int[] labels = images.labels().orElseThrow(() -> new IllegalArgumentException("the images have no labels"));
        int correct = 0;
        Rng rng = new Rng(seed);
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x0 = images.select(scope, IntStream.range(from, to).toArray(), images.pixelScaling());
                NDArray x = x0.mul(sde.a(t)).addi(rng.normal(scope, x0.getShape(), x0.getDataType()).muli(sde.s(t)));
                NDArray times = scope.full(new Shape(to - from), (float) t);
                long[] predicted = probabilities(x, times).argMax(1).toLongArray();
                for (int i = 0; i < predicted.length; i++) {
                    correct += predicted[i] == labels[from + i] ? 1 : 0;
                }
            }
        }
        return correct / (double) n;
    }

    private NDArray logits(NDArray x, NDArray t) {
        NDArray in = input(x.toType(DataType.FLOAT32, false), t.toType(DataType.FLOAT32, false), sde);
        return network.forward(store, new NDList(in), false).get(1);
    }

    private int check(int label) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label must be in [0, " + classes + "), got " + label);
        }
        return label;
    }

    @Override
    public void close() {
        manager.close();
    }
}
