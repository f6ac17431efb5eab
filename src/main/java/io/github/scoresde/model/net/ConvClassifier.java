package io.github.scoresde.model.net;

import static io.github.scoresde.model.net.Layers.apply;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * A small convolutional image classifier whose penultimate layer serves as the feature space of
 * the project's FID (SPEC §7: Inception weights are not available here, so each data set gets its
 * own feature network).
 *
 * <p>Three 3x3 convolutions with ReLU, each followed by 2x2 max pooling (28 -> 14 -> 7 -> 3
 * pixels), flattened into a linear layer of {@code features} units, then ReLU and a linear layer
 * to the class logits. The features are that layer's pre-activation values: they keep the sign
 * that ReLU would discard, and no unit is constant on the data (a dead ReLU unit would give the
 * feature covariance a zero eigenvalue).
 *
 * <p>Inputs: NDList(x [B, C, H, W]); outputs NDList(features [B, F], logits [B, K]).
 */
public final class ConvClassifier extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final Shape POOL = new Shape(2, 2);

    /**
     * The architecture.
     *
     * @param channels image channels (1 or 3)
     * @param height image height, at least 8 (three halvings)
     * @param width image width, at least 8
     * @param filters channels of the three convolutions, each at least 1
     * @param features size of the feature layer, at least 1
     * @param classes number of classes, at least 2
     */
    public record Config(int channels, int height, int width, int[] filters, int features, int classes) {
        /** Validates the sizes; copies the filters. */
        public Config {
            if (channels < 1 || height < 8 || width < 8) {
                throw new IllegalArgumentException("images must be [C >= 1, H >= 8, W >= 8], got [" + channels + ", " + height + ", "
                        + width + "]");
            }
            if (filters == null || filters.length != 3 || Arrays.stream(filters).anyMatch(f -> f < 1)) {
                throw new IllegalArgumentException("filters must be three positive channel counts");
            }
            if (features < 1 || classes < 2) {
                throw new IllegalArgumentException("need features >= 1 and classes >= 2, got " + features + " and " + classes);
            }
            filters = filters.clone();
        }

        /** The filters (a copy). */
        @Override
        public int[] filters() {
            return filters.clone();
        }
    }

    private final Config config;
    private final Conv2d[] convs = new Conv2d[3];
    private final Linear hidden;
    private final Linear output;

    /** A network of the given architecture (initialise it before use). */
    public ConvClassifier(Config config) {
        super(VERSION);
        this.config = config;
        for (int i = 0; i < convs.length; i++) {
            convs[i] = addChildBlock("conv" + i, Layers.conv(config.filters()[i], 3));
        }
        hidden = addChildBlock("hidden", Linear.builder().setUnits(config.features()).build());
        output = addChildBlock("output", Linear.builder().setUnits(config.classes()).build());
    }

    /** The architecture. */
    public Config config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        for (Conv2d conv : convs) {
            h = Pool.maxPool2d(Activation.relu(apply(conv, ps, h, training)), POOL, POOL, new Shape(0, 0), false);
        }
        NDArray features = apply(hidden, ps, h.reshape(h.getShape().get(0), -1), training);
        NDArray logits = apply(output, ps, Activation.relu(features), training);
        return new NDList(features, logits);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, config.features()), new Shape(batch, config.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long channels = config.channels();
        long height = config.height();
        long width = config.width();
        for (int i = 0; i < convs.length; i++) {
            convs[i].initialize(manager, dataType, new Shape(batch, channels, height, width));
            channels = config.filters()[i];
            height /= 2;
            width /= 2;
        }
        hidden.initialize(manager, dataType, new Shape(batch, channels * height * width));
        output.initialize(manager, dataType, new Shape(batch, config.features()));
    }
}
