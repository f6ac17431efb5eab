package io.github.scoresde.model.net;

import static io.github.scoresde.model.net.Layers.apply;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.scoresde.tensor.Shapes;

/**
 * Single-head self-attention over the positions of a feature map (DDPM's AttnBlock, Ho et al.
 * 2020; NCSN++'s AttnBlockpp with skip_rescale): q, k, v = 1x1 convolutions of GN(x) (one fused
 * convolution to 3C channels), weights softmax_j(q_i . k_j / sqrt(C)), output
 * (x + conv1x1(sum_j w_ij v_j)) / sqrt(2).
 *
 * <p>Input and output: [B, C, H, W].
 */
final class SelfAttention extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);

    private final int channels;
    private final GroupNorm norm;
    private final Conv2d qkv;
    private final Conv2d out;

    /**
     * @param channels channels C
     * @param groups GroupNorm groups (dividing C)
     */
    SelfAttention(int channels, int groups) {
        super(VERSION);
        this.channels = channels;
        norm = addChildBlock("norm", new GroupNorm(groups));
        qkv = addChildBlock("qkv", Layers.conv(3 * channels, 1));
        out = addChildBlock("out", Layers.conv(channels, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        long b = shape.get(0);
        NDArray projected = apply(qkv, ps, apply(norm, ps, x, training), training).reshape(b, 3, channels, -1);
        NDArray q = projected.get(":, 0");
        NDArray k = projected.get(":, 1");
        NDArray v = projected.get(":, 2");
        // [B, HW, HW]: row i holds the weights of query position i over the key positions j.
        NDArray weights = Shapes.scale(q.transpose(0, 2, 1).matMul(k), 1 / Math.sqrt(channels)).softmax(2);
        NDArray attended = v.matMul(weights.transpose(0, 2, 1)).reshape(shape);
        return new NDList(Shapes.scale(x.add(apply(out, ps, attended, training)), INV_SQRT2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes[0]);
        qkv.initialize(manager, dataType, inputShapes[0]);
        out.initialize(manager, dataType, inputShapes[0]);
    }
}
