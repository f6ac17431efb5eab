package io.github.scoresde.model.net;

import static io.github.scoresde.model.net.Layers.apply;
import static io.github.scoresde.model.net.Layers.silu;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Noise-conditional U-Net for images in the DDPM++ / NCSN++ style, scaled down (Ho et al. 2020;
 * Song et al. 2021, App. H).
 *
 * <p>The noise label goes through Gaussian Fourier features and a two-layer SiLU MLP to an
 * embedding of 4 x baseChannels, added per channel in every {@link ResidualBlock}. The image goes
 * through a 3x3 input convolution, then per level {@code resBlocks} residual blocks (each followed
 * by {@link SelfAttention} at the attention levels) and, between levels, 2x2 average pooling; a
 * middle of residual block, attention (when the lowest level has attention) and residual block; a
 * symmetric up path whose {@code resBlocks + 1} residual blocks per level each take the matching
 * down-path activation concatenated along the channels, with nearest-neighbour x2 upsampling and
 * a 3x3 convolution between levels; and GroupNorm, SiLU and a 3x3 output convolution back to the
 * input channels.
 *
 * <p>Downsampling is by average pooling rather than DDPM's stride-2 convolution: it has no
 * parameters and costs one cheap operation (this network is trained on CPUs), and it is the
 * [1, 1] low-pass filter, the simplest case of NCSN++'s FIR resampling against aliasing; the
 * residual blocks after it do the learning.
 *
 * <p>The output convolution is initialised to zero, as DDPM and NCSN++ initialise their last
 * layers (init_scale 0): the untrained network outputs 0, so the model starts at its
 * parameterisation's default (the EDM reading gives D = c_skip x, the noise reading D = x). All
 * other weights use DJL's default He initialisation, so gradients reach every layer once the
 * output convolution has moved off zero.
 *
 * <p>Inputs: NDList(x [B, C, H, W], noise label [B]); output [B, C, H, W]. H and W must be
 * divisible by 2^(levels - 1).
 */
public final class UNet extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final Shape POOL = new Shape(2, 2);

    /**
     * The architecture.
     *
     * @param inChannels image channels (>= 1)
     * @param baseChannels channels of the first level (>= 1); the noise embedding has 4 times as many
     * @param channelMultipliers channels of each level as multiples of baseChannels (>= 1 level, each >= 1)
     * @param resBlocks residual blocks per level on the down path (>= 1; the up path has one more)
     * @param attentionLevels levels (0-based, distinct) with self-attention after each residual block
     * @param groups GroupNorm groups, dividing every level's channel count
     * @param dropout dropout rate in the residual blocks, in [0, 1)
     * @param fourierSeed seed of the fixed Fourier frequencies
     */
    public record Config(int inChannels, int baseChannels, int[] channelMultipliers, int resBlocks, int[] attentionLevels,
            int groups, double dropout, long fourierSeed) {
        /** Validates, naming the offending field; copies the arrays. */
        public Config {
            check(inChannels >= 1, "inChannels must be >= 1, got " + inChannels);
            check(baseChannels >= 1, "baseChannels must be >= 1, got " + baseChannels);
            check(channelMultipliers != null && channelMultipliers.length >= 1, "channelMultipliers must name at least one level");
            check(Arrays.stream(channelMultipliers).allMatch(m -> m >= 1),
                    "channelMultipliers must be >= 1, got " + Arrays.toString(channelMultipliers));
            check(resBlocks >= 1, "resBlocks must be >= 1, got " + resBlocks);
            check(attentionLevels != null, "attentionLevels must be given (possibly empty)");
            int levels = channelMultipliers.length;
            check(Arrays.stream(attentionLevels).allMatch(l -> l >= 0 && l < levels)
                    && Arrays.stream(attentionLevels).distinct().count() == attentionLevels.length,
                    "attentionLevels must be distinct levels in [0, " + levels + "), got " + Arrays.toString(attentionLevels));
            check(groups >= 1, "groups must be >= 1, got " + groups);
            for (int m : channelMultipliers) {
                check((long) baseChannels * m % groups == 0,
                        "groups (" + groups + ") must divide every level's channels, not " + baseChannels * m);
            }
            check(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
            channelMultipliers = channelMultipliers.clone();
            attentionLevels = attentionLevels.clone();
        }

        /** A copy of the multipliers. */
        @Override
        public int[] channelMultipliers() {
            return channelMultipliers.clone();
        }

        /** A copy of the attention levels. */
        @Override
        public int[] attentionLevels() {
            return attentionLevels.clone();
        }

        /** Number of levels (resolutions). */
        public int levels() {
            return channelMultipliers.length;
        }

        /** The factor by which the lowest resolution is smaller: 2^(levels - 1). */
        public int divisor() {
            return 1 << (levels() - 1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && inChannels == c.inChannels && baseChannels == c.baseChannels
                    && Arrays.equals(channelMultipliers, c.channelMultipliers) && resBlocks == c.resBlocks
                    && Arrays.equals(attentionLevels, c.attentionLevels) && groups == c.groups
                    && Double.compare(dropout, c.dropout) == 0 && fourierSeed == c.fourierSeed;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(inChannels, baseChannels, Arrays.hashCode(channelMultipliers), resBlocks,
                    Arrays.hashCode(attentionLevels), groups, dropout, fourierSeed);
        }

        @Override
        public String toString() {
            return "UNet.Config[inChannels=" + inChannels + ", baseChannels=" + baseChannels + ", channelMultipliers="
                    + Arrays.toString(channelMultipliers) + ", resBlocks=" + resBlocks + ", attentionLevels="
                    + Arrays.toString(attentionLevels) + ", groups=" + groups + ", dropout=" + dropout
                    + ", fourierSeed=" + fourierSeed + "]";
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** The blocks of one level on one path: residual blocks, each with its attention or null. */
    private record Level(List<ResidualBlock> blocks, List<SelfAttention> attentions, Conv2d upsample) {}

    private final Config config;
    private final FourierFeatures fourier;
    private final int embedding;
    private final Linear embed0;
    private final Linear embed1;
    private final Conv2d inputConv;
    private final List<Level> down = new ArrayList<>();
    private final ResidualBlock middle0;
    private final SelfAttention middleAttention;
    private final ResidualBlock middle1;
    /** Up-path levels from the lowest resolution to the highest. */
    private final List<Level> up = new ArrayList<>();
    private final GroupNorm outputNorm;
    private final Conv2d outputConv;

    /** A U-Net of the given architecture (not yet initialised). */
    public UNet(Config config) {
        super(VERSION);
        this.config = config;
        int base = config.baseChannels();
        int groups = config.groups();
        float dropout = (float) config.dropout();
        int levels = config.levels();
        // NCSN++: Fourier embedding of size nf (2 nf features), then Dense(4 nf), SiLU, Dense(4 nf).
        fourier = new FourierFeatures(base, config.fourierSeed());
        embedding = 4 * base;
        embed0 = addChildBlock("embed0", Linear.builder().setUnits(embedding).build());
        embed1 = addChildBlock("embed1", Linear.builder().setUnits(embedding).build());
        inputConv = addChildBlock("input_conv", Layers.conv(base, 3));
        Deque<Integer> skips = new ArrayDeque<>();
        skips.push(base);
        int channels = base;
        for (int l = 0; l < levels; l++) {
            int out = base * config.channelMultipliers[l];
            Level level = new Level(new ArrayList<>(), new ArrayList<>(), null);
            for (int r = 0; r < config.resBlocks(); r++) {
                level.blocks.add(addChildBlock("down" + l + "_block" + r, new ResidualBlock(channels, out, groups, dropout)));
                channels = out;
                level.attentions.add(hasAttention(l) ? addChildBlock("down" + l + "_attn" + r, new SelfAttention(out, groups)) : null);
                skips.push(channels);
            }
            if (l < levels - 1) {
                skips.push(channels);
            }
            down.add(level);
        }
        middle0 = addChildBlock("middle_block0", new ResidualBlock(channels, channels, groups, dropout));
        middleAttention = hasAttention(levels - 1) ? addChildBlock("middle_attn", new SelfAttention(channels, groups)) : null;
        middle1 = addChildBlock("middle_block1", new ResidualBlock(channels, channels, groups, dropout));
        for (int l = levels - 1; l >= 0; l--) {
            int out = base * config.channelMultipliers[l];
            List<ResidualBlock> blocks = new ArrayList<>();
            List<SelfAttention> attentions = new ArrayList<>();
            for (int r = 0; r <= config.resBlocks(); r++) {
                blocks.add(addChildBlock("up" + l + "_block" + r, new ResidualBlock(channels + skips.pop(), out, groups, dropout)));
                channels = out;
                attentions.add(hasAttention(l) ? addChildBlock("up" + l + "_attn" + r, new SelfAttention(out, groups)) : null);
            }
            Conv2d upsample = l > 0 ? addChildBlock("up" + l + "_upsample_conv", Layers.conv(channels, 3)) : null;
            up.add(new Level(blocks, attentions, upsample));
        }
        outputNorm = addChildBlock("output_norm", new GroupNorm(groups));
        outputConv = addChildBlock("output_conv", Layers.conv(config.inChannels(), 3));
        outputConv.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
    }

    /** The architecture. */
    public Config config() {
        return config;
    }

    private boolean hasAttention(int level) {
        return Arrays.stream(config.attentionLevels).anyMatch(a -> a == level);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        checkImage(x.getShape());
        NDArray features = fourier.of(inputs.get(1).toType(x.getDataType(), false));
        // Every residual block applies SiLU before its own projection of the embedding (NCSN++'s
        // act(temb)); it is the same array for all of them, so it is computed once.
        NDArray emb = silu(apply(embed1, ps, silu(apply(embed0, ps, features, training)), training));
        NDArray h = apply(inputConv, ps, x, training);
        Deque<NDArray> skips = new ArrayDeque<>();
        skips.push(h);
        for (int l = 0; l < down.size(); l++) {
            Level level = down.get(l);
            for (int r = 0; r < level.blocks.size(); r++) {
                h = residual(level.blocks.get(r), ps, h, emb, training);
                h = attend(level.attentions.get(r), ps, h, training);
                skips.push(h);
            }
            if (l < down.size() - 1) {
                h = Pool.avgPool2d(h, POOL, POOL, new Shape(0, 0), false, true);
                skips.push(h);
            }
        }
        h = residual(middle0, ps, h, emb, training);
        h = attend(middleAttention, ps, h, training);
        h = residual(middle1, ps, h, emb, training);
        for (Level level : up) {
            for (int r = 0; r < level.blocks.size(); r++) {
                h = residual(level.blocks.get(r), ps, NDArrays.concat(new NDList(h, skips.pop()), 1), emb, training);
                h = attend(level.attentions.get(r), ps, h, training);
            }
            if (level.upsample != null) {
                h = apply(level.upsample, ps, h.repeat(2, 2).repeat(3, 2), training);
            }
        }
        return new NDList(apply(outputConv, ps, silu(apply(outputNorm, ps, h, training)), training));
    }

    private static NDArray residual(ResidualBlock block, ParameterStore ps, NDArray h, NDArray emb, boolean training) {
        return block.forward(ps, new NDList(h, emb), training).singletonOrThrow();
    }

    private static NDArray attend(SelfAttention attention, ParameterStore ps, NDArray h, boolean training) {
        return attention == null ? h : apply(attention, ps, h, training);
    }

    /** Refuses images of the wrong rank, channel count or size. */
    private void checkImage(Shape shape) {
        if (shape.dimension() != 4 || shape.get(1) != config.inChannels()) {
            throw new IllegalArgumentException("UNet needs images [B, " + config.inChannels() + ", H, W], got " + shape);
        }
        int d = config.divisor();
        if (shape.get(2) % d != 0 || shape.get(3) % d != 0) {
            throw new IllegalArgumentException("image size " + shape.get(2) + "x" + shape.get(3) + " is not divisible by " + d
                    + " (2^(levels - 1) for " + config.levels() + " levels); crop or pad the images, or use fewer levels");
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        checkImage(x);
        long b = x.get(0);
        Initializing init = new Initializing(manager, dataType);
        init.apply(embed0, new Shape(b, fourier.size()));
        Shape emb = init.apply(embed1, new Shape(b, embedding));
        Shape h = init.apply(inputConv, x);
        Deque<Shape> skips = new ArrayDeque<>();
        skips.push(h);
        for (int l = 0; l < down.size(); l++) {
            Level level = down.get(l);
            for (int r = 0; r < level.blocks.size(); r++) {
                h = init.apply(level.blocks.get(r), h, emb);
                init.apply(level.attentions.get(r), h);
                skips.push(h);
            }
            if (l < down.size() - 1) {
                h = new Shape(b, h.get(1), h.get(2) / 2, h.get(3) / 2);
                skips.push(h);
            }
        }
        h = init.apply(middle0, h, emb);
        init.apply(middleAttention, h);
        h = init.apply(middle1, h, emb);
        for (Level level : up) {
            for (int r = 0; r < level.blocks.size(); r++) {
                h = init.apply(level.blocks.get(r), new Shape(b, h.get(1) + skips.pop().get(1), h.get(2), h.get(3)), emb);
                init.apply(level.attentions.get(r), h);
            }
            if (level.upsample != null) {
                h = init.apply(level.upsample, new Shape(b, h.get(1), 2 * h.get(2), 2 * h.get(3)));
            }
        }
        init.apply(outputNorm, h);
        init.apply(outputConv, h);
    }

    /** Initialises child blocks in forward order, passing each one's output shape on. */
    private record Initializing(NDManager manager, DataType dataType) {
        /** Initialises {@code block} (nothing when null) and returns its first output shape. */
        Shape apply(Block block, Shape... inputs) {
            if (block == null) {
                return inputs[0];
            }
            block.initialize(manager, dataType, inputs);
            return block.getOutputShapes(inputs)[0];
        }
    }
}
