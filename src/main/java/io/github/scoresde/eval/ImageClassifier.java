package io.github.scoresde.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scoresde.UserInputException;
import io.github.scoresde.model.net.ConvClassifier;
import io.github.scoresde.tensor.Shapes;
import io.github.scoresde.train.Checkpoint;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.KnownImageSet;
import io.github.scoresde.train.data.PixelScaling;
import io.github.scoresde.train.data.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A trained {@link ConvClassifier} with the facts it was trained under (input shape, pixel
 * scaling, class names): the feature network of FID and the classifier of Inception-style scores
 * and of class-conditional sample accuracy (SPEC §7).
 *
 * <p>Inputs are images in the classifier's data units, {@link #pixelScaling()} (the project's
 * [-1, 1], {@link PixelScaling#SYMMETRIC}, for the shipped ones); values outside that range are
 * clamped to it first, as writing samples to 8-bit pixels would. {@link #classify(ImageData, int)}
 * takes 8-bit images directly.
 *
 * <p>The project ships one classifier per known data set (models/classifier-NAME.ckpt, also on the
 * classpath): {@link #shipped}. Their SHA-256 sums are pinned here and checked on load.
 */
public final class ImageClassifier implements AutoCloseable {
    /** The header's {@code kind} of a classifier checkpoint. */
    public static final String KIND = "image_classifier";
    /** Images per forward pass. */
    static final int BATCH = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** SHA-256 of the shipped weights, as recorded in models/README.md. */
    private static final Map<KnownImageSet, String> SHIPPED_SHA256 = Map.of(
            KnownImageSet.MNIST, "d1987bcd3ffdea4ca7fb8fd31532967bbcaa2dbd4445aebad62035e8a6b70a31",
            KnownImageSet.FASHION_MNIST, "8ac4ed71b47ca21b892599db51c874692caa33c6e5d4c6493ab65c4e9a686a2c");

    /**
     * Features and class probabilities of a batch of images, one row per image.
     *
     * @param features [N][F] penultimate-layer features
     * @param probabilities [N][K] softmax class probabilities
     */
    public record Predictions(double[][] features, double[][] probabilities) {
        /** Number of images. */
        public int size() {
            return features.length;
        }

        /** The most probable class of each image. */
        public int[] labels() {
            int[] out = new int[probabilities.length];
            for (int i = 0; i < out.length; i++) {
                double[] p = probabilities[i];
                for (int k = 1; k < p.length; k++) {
                    if (p[k] > p[out[i]]) {
                        out[i] = k;
                    }
                }
            }
            return out;
        }

        /** Fraction of images whose most probable class is the given label. */
        public double accuracy(int[] trueLabels) {
            if (trueLabels.length != size()) {
                throw new IllegalArgumentException(trueLabels.length + " labels for " + size() + " predictions");
            }
            int[] predicted = labels();
            int right = 0;
            for (int i = 0; i < predicted.length; i++) {
                right += predicted[i] == trueLabels[i] ? 1 : 0;
            }
            return (double) right / predicted.length;
        }
    }

    private final NDManager manager;
    private final ConvClassifier network;
    private final ParameterStore store;
    private final ObjectNode header;
    private final PixelScaling scaling;
    private final List<String> classNames;
    private final String source;
    private final String sha256;

    private ImageClassifier(Checkpoint checkpoint, String source, String sha256, NDManager parent) {
        this.header = checkpoint.header().deepCopy();
        this.source = source;
        this.sha256 = sha256;
        if (!KIND.equals(header.path("kind").asText())) {
            throw new UserInputException(source + " is not an image classifier checkpoint (a score model's?): give a file written by"
                    + " `scoresde classifier train`, or mnist / fashion-mnist for a shipped classifier");
        }
        ConvClassifier.Config config = JSON.convertValue(header.get("classifier"), ConvClassifier.Config.class);
        JsonNode data = header.path("data");
        this.scaling = JSON.convertValue(data.get("pixel_scaling"), PixelScaling.class);
        this.classNames = List.of(JSON.convertValue(data.get("class_names"), String[].class));
        this.manager = parent.newSubManager();
        this.network = new ConvClassifier(config);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, config.channels(), config.height(), config.width()));
        for (Pair<String, Parameter> p : network.getParameters()) {
            Checkpoint.Tensor t = checkpoint.tensors().get(ClassifierTraining.TENSOR_PREFIX + p.getKey());
            if (t == null || !Arrays.equals(t.shape(), p.getValue().getArray().getShape().getShape())) {
                manager.close();
                throw new UserInputException("classifier " + source + " does not match its own architecture at " + p.getKey());
            }
            Shapes.copyInto(t.values(), p.getValue().getArray());
        }
        this.store = new ParameterStore(manager, false);
    }

    /** A classifier from a checkpoint in memory; {@code sha256} identifies the file it came from. */
    public static ImageClassifier of(Checkpoint checkpoint, String source, String sha256, NDManager parent) {
        return new ImageClassifier(checkpoint, source, sha256, parent);
    }

    /**
     * A classifier checkpoint file written by {@code scoresde classifier train}.
     *
     * @throws UserInputException if the file is missing, damaged or not a classifier
     */
    public static ImageClassifier load(Path file, NDManager parent) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("classifier " + file + " does not exist: give a checkpoint of `scoresde classifier train`, or "
                    + String.join(" / ", KnownImageSet.names()) + " for a shipped one");
        } catch (IOException e) {
            throw new UserInputException("cannot read classifier " + file + ": " + e.getMessage(), e);
        }
        return of(Checkpoint.read(bytes, file.toString()), file.toString(), Sha256.of(bytes), parent);
    }

    /** Where the shipped classifier of a set lies, in the repository and on the classpath. */
    public static String shippedPath(KnownImageSet set) {
        return "models/classifier-" + set.cliName() + ".ckpt";
    }

    /** The pinned SHA-256 of a shipped classifier. */
    public static String shippedSha256(KnownImageSet set) {
        return SHIPPED_SHA256.get(set);
    }

    /**
     * The classifier the project trained on a known data set and ships (read from the classpath,
     * its SHA-256 checked against the pinned one).
     *
     * @throws IllegalStateException if the file is missing from the classpath or does not match its
     *     checksum (a broken build, not bad input)
     */
    public static ImageClassifier shipped(KnownImageSet set, NDManager parent) {
        String path = shippedPath(set);
        byte[] bytes;
        try (InputStream in = ImageClassifier.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath: rebuild scoresde");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + " from the classpath", e);
        }
        String sha = Sha256.of(bytes);
        if (!sha.equals(SHIPPED_SHA256.get(set))) {
            throw new IllegalStateException(path + " has sha256 " + sha + " but " + SHIPPED_SHA256.get(set) + " is pinned: rebuild scoresde");
        }
        return of(Checkpoint.read(bytes, path), path, sha, parent);
    }

    /** Input shape [C, H, W]. */
    public long[] inputShape() {
        ConvClassifier.Config c = network.config();
        return new long[] {c.channels(), c.height(), c.width()};
    }

    /** Size F of the feature vector. */
    public int featureDim() {
        return network.config().features();
    }

    /** Class names, one per output. */
    public List<String> classNames() {
        return classNames;
    }

    /** The data units the classifier takes. */
    public PixelScaling pixelScaling() {
        return scaling;
    }

    /** The data set the classifier was trained on, as named at training. */
    public String dataName() {
        return header.path("data").path("name").asText();
    }

    /** Accuracy on the test split measured at training, or NaN when none was measured. */
    public double testAccuracy() {
        return header.path("test").path("accuracy").asDouble(Double.NaN);
    }

    /** Where the classifier was read from. */
    public String source() {
        return source;
    }

    /** SHA-256 of the checkpoint file. */
    public String sha256() {
        return sha256;
    }

    /**
     * Features and probabilities of images in data units, clamped to the pixel range first.
     *
     * @param x [N, C, H, W] of {@link #inputShape()}, any manager
     * @throws IllegalArgumentException if the shape differs
     */
    public Predictions classify(NDArray x) {
        requireShape(x.getShape());
        int n = Math.toIntExact(x.getShape().get(0));
        List<Predictions> parts = new ArrayList<>();
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            try (NDManager scope = manager.newSubManager()) {
                NDArray batch = x.get(new NDIndex(from + ":" + to));
                batch.attach(scope);
                parts.add(forward(batch.toType(DataType.FLOAT32, false).clip(scaling.low(), scaling.high())));
            }
        }
        return concat(parts, n);
    }

    /** Features and probabilities of the first {@code n} 8-bit images of a set, mapped with {@link #pixelScaling()}. */
    public Predictions classify(ImageData images, int n) {
        requireShape(new Shape(images.size()).addAll(new Shape(images.exampleShape())));
        if (n < 1 || n > images.size()) {
            throw new IllegalArgumentException("n must be in 1.." + images.size() + ", got " + n);
        }
        List<Predictions> parts = new ArrayList<>();
        for (int from = 0; from < n; from += BATCH) {
            int[] indices = IntStream.range(from, Math.min(n, from + BATCH)).toArray();
            try (NDManager scope = manager.newSubManager()) {
                parts.add(forward(images.select(scope, indices, scaling)));
            }
        }
        return concat(parts, n);
    }

    private void requireShape(Shape shape) {
        long[] expected = inputShape();
        if (shape.dimension() != 4 || !Arrays.equals(Arrays.copyOfRange(shape.getShape(), 1, 4), expected)) {
            throw new IllegalArgumentException("the classifier takes images " + new Shape(expected) + ", got " + shape);
        }
    }

    private Predictions forward(NDArray batch) {
        NDList out = network.forward(store, new NDList(batch), false);
        return new Predictions(Shapes.rows(out.get(0)), Shapes.rows(out.get(1).softmax(1)));
    }

    private static Predictions concat(List<Predictions> parts, int n) {
        double[][] features = new double[n][];
        double[][] probabilities = new double[n][];
        int at = 0;
        for (Predictions p : parts) {
            System.arraycopy(p.features(), 0, features, at, p.size());
            System.arraycopy(p.probabilities(), 0, probabilities, at, p.size());
            at += p.size();
        }
        return new Predictions(features, probabilities);
    }

    @Override
    public void close() {
        manager.close();
    }
}
