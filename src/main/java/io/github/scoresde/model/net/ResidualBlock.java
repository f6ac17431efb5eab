package io.github.scoresde.model.net;

import static io.github.scoresde.model.net.Layers.apply;
import static io.github.scoresde.model.net.Layers.silu;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.scoresde.tensor.Shapes;

/**
 * The noise-conditional residual block of DDPM / DDPM++ (Ho et al. 2020; Song et al. 2021, App. H):
 * h = conv3x3(SiLU(GN(x))) + Linear(emb) per channel, h = conv3x3(dropout(SiLU(GN(h)))), output
 * (skip(x) + h) / sqrt(2) (NCSN++'s skip_rescale, which keeps the variance of the sum at that of
 * its terms), where skip is a 1x1 convolution when the channel count changes and the identity
 * otherwise.
 *
 * <p>Inputs: NDList(x [B, Cin, H, W], SiLU of the noise embedding [B, E]); output [B, Cout, H, W].
 */
final class ResidualBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);

    private final int outChannels;
    private final float dropout;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear embed;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d skip;

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param groups GroupNorm groups (dividing both channel counts)
     * @param dropout dropout rate before the second convolution, in [0, 1)
     */
    ResidualBlock(int inChannels, int outChannels, int groups, float dropout) {
        super(VERSION);
        this.outChannels = outChannels;
        this.dropout = dropout;
        norm1 = addChildBlock("norm1", new GroupNorm(groups));
        conv1 = addChildBlock("conv1", Layers.conv(outChannels, 3));
        embed = addChildBlock("embed", Linear.builder().setUnits(outChannels).build());
        norm2 = addChildBlock("norm2", new GroupNorm(groups));
        conv2 = addChildBlock("conv2", Layers.conv(outChannels, 3));
        skip = inChannels == outChannels ? null : addChildBlock("skip", Layers.conv(outChannels, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray emb = inputs.get(1);
        NDArray h = apply(conv1, ps, silu(apply(norm1, ps, x, training)), training);
        h = h.add(apply(embed, ps, emb, training).reshape(-1, outChannels, 1, 1));
        h = silu(apply(norm2, ps, h, training));
        if (dropout > 0) {
            h = Dropout.dropout(h, dropout, training).singletonOrThrow();
        }
        h = apply(conv2, ps, h, training);
        NDArray shortcut = skip == null ? x : apply(skip, ps, x, training);
        return new NDList(Shapes.scale(shortcut.add(h), INV_SQRT2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), outChannels, x.get(2), x.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape h = getOutputShapes(inputShapes)[0];
        norm1.initialize(manager, dataType, x);
        conv1.initialize(manager, dataType, x);
        embed.initialize(manager, dataType, inputShapes[1]);
        norm2.initialize(manager, dataType, h);
        conv2.initialize(manager, dataType, h);
        if (skip != null) {
            skip.initialize(manager, dataType, x);
        }
    }
}
