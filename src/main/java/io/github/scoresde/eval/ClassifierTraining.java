package io.github.scoresde.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scoresde.model.net.ConvClassifier;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;
import io.github.scoresde.train.Adam;
import io.github.scoresde.train.Checkpoint;
import io.github.scoresde.train.data.ImageData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link ConvClassifier} on labelled images by cross-entropy with Adam, and writes it as
 * a classifier checkpoint that {@link ImageClassifier} reads. Epoch e visits the images in an order
 * drawn from (seed, e) only, and initialisation is seeded too, so a run is reproducible on one
 * engine. Every step runs in its own sub-manager.
 */
public final class ClassifierTraining {
    /** Name prefix of the weight tensors in a classifier checkpoint. */
    static final String TENSOR_PREFIX = "param/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Optimisation settings.
     *
     * @param epochs passes over the training images, at least 1
     * @param batch images per step, at least 1
     * @param lr Adam's learning rate, in (0, 1]
     * @param seed seed of the initialisation and of the visiting order
     */
    public record Settings(int epochs, int batch, double lr, long seed) {
        /** Validates the ranges, naming the setting. */
        public Settings {
            if (epochs < 1 || batch < 1 || !(lr > 0 && lr <= 1)) {
                throw new IllegalArgumentException("need epochs >= 1, batch >= 1 and lr in (0, 1], got " + epochs + ", " + batch + ", " + lr);
            }
        }
    }

    /** Observes training steps. */
    @FunctionalInterface
    public interface Listener {
        /** Called after each step (1-based) of {@code total} with its mean cross-entropy. */
        void onStep(long step, long total, double loss);
    }

    private ClassifierTraining() {}

    /** The architecture used for a set of images: 16-32-64 filters and 64 features (about 61k parameters at 28 x 28). */
    public static ConvClassifier.Config defaultConfig(ImageData images) {
        long[] shape = images.exampleShape();
        return new ConvClassifier.Config((int) shape[0], (int) shape[1], (int) shape[2], new int[] {16, 32, 64}, 64,
                images.classNames().size());
    }

    /**
     * Trains a fresh network on every image of {@code train} and returns it as a checkpoint: the
     * weights, the architecture, the data name, class names and pixel scaling, the settings, and
     * whatever {@code extra} holds (provenance, for instance).
     *
     * @param dataName how the training data was named, stored for the record
     * @throws IllegalArgumentException if the images have no labels
     */
    public static Checkpoint train(ImageData train, String dataName, Settings settings, ObjectNode extra, NDManager parent,
            Listener listener) {
        int[] labels = train.labels().orElseThrow(() -> new IllegalArgumentException(dataName + " has no class labels"));
        ConvClassifier.Config config = defaultConfig(train);
        long started = System.nanoTime();
        try (NDManager manager = parent.newSubManager()) {
            ConvClassifier network = new ConvClassifier(config);
            Shape input = new Shape(1).addAll(new Shape(train.exampleShape()));
            new Rng(settings.seed()).seedEngineFor(() -> network.initialize(manager, DataType.FLOAT32, input));
            List<NDArray> parameters = new ArrayList<>();
            for (Pair<String, Parameter> p : network.getParameters()) {
                parameters.add(p.getValue().getArray());
            }
            ParameterStore store = new ParameterStore(manager, false);
            long stepsPerEpoch = (train.size() + settings.batch() - 1) / settings.batch();
            long total = stepsPerEpoch * settings.epochs();
            long step = 0;
            try (Adam adam = new Adam(parameters, settings.lr(), 0, manager)) {
                for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                    int[] order = permutation(train.size(), Rng.forStep(settings.seed(), epoch).javaRandom());
                    for (int from = 0; from < order.length; from += settings.batch()) {
                        int to = Math.min(order.length, from + settings.batch());
                        step++;
                        double loss = step(network, store, parameters, adam, train, labels, order, from, to, step, manager);
                        listener.onStep(step, total, loss);
                    }
                }
            }
            ObjectNode header = JSON.createObjectNode();
            header.put("kind", ImageClassifier.KIND);
            header.set("classifier", JSON.valueToTree(config));
            ObjectNode data = header.putObject("data");
            data.put("name", dataName);
            data.set("shape", JSON.valueToTree(train.exampleShape()));
            data.set("class_names", JSON.valueToTree(train.classNames()));
            data.set("pixel_scaling", JSON.valueToTree(train.pixelScaling()));
            data.put("images", train.size());
            ObjectNode training = header.putObject("training");
            training.set("settings", JSON.valueToTree(settings));
            training.put("steps", step);
            training.put("wall_seconds", (System.nanoTime() - started) / 1e9);
            header.setAll(extra);
            Map<String, Checkpoint.Tensor> tensors = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : network.getParameters()) {
                NDArray a = p.getValue().getArray();
                tensors.put(TENSOR_PREFIX + p.getKey(), new Checkpoint.Tensor(a.getShape().getShape(), a.toFloatArray()));
            }
            return new Checkpoint(header, tensors);
        }
    }

    /** One Adam step on the images order[from..to); returns the batch's mean cross-entropy. */
    private static double step(ConvClassifier network, ParameterStore store, List<NDArray> parameters, Adam adam, ImageData train,
            int[] labels, int[] order, int from, int to, long step, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = Shapes.owned(train.select(scope, Arrays.copyOfRange(order, from, to), train.pixelScaling()));
            int[] y = new int[to - from];
            for (int i = from; i < to; i++) {
                y[i - from] = labels[order[i]];
            }
            NDArray oneHot = scope.create(y).oneHot(network.config().classes(), DataType.FLOAT32);
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = network.forward(store, new NDList(x), true).get(1);
                // Cross-entropy -sum_k y_k log softmax_k, averaged over the batch; no Java scalars
                // touch the graph (see Shapes.scale).
                NDArray mean = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
                loss = mean.getFloat();
                collector.backward(mean);
            }
            List<NDArray> gradients = new ArrayList<>();
            for (NDArray p : parameters) {
                NDArray g = p.getGradient();
                g.attach(scope);
                gradients.add(g);
            }
            adam.update(parameters, gradients, 1, step);
            for (NDArray g : gradients) {
                g.muli(0);
            }
            return loss;
        }
    }

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
