package io.github.scoresde.model.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * Group normalisation (Wu and He 2018): the channels of each example are split into groups, each
 * group is normalised to mean 0 and variance 1 over its channels and positions (biased variance,
 * eps 1e-6 as in NCSN++), then every channel gets its own scale gamma (initially 1) and shift beta
 * (initially 0). DJL 0.35.1 has no GroupNorm block.
 *
 * <p>Input and output: [B, C, ...] with C divisible by the number of groups.
 */
public final class GroupNorm extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final float EPS = 1e-6f;

    private final int groups;
    private final Parameter gamma;
    private final Parameter beta;

    /** @param groups number of groups (>= 1) */
    public GroupNorm(int groups) {
        super(VERSION);
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
        this.groups = groups;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        long channels = channels(shape);
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        long perGroup = grouped.getShape().get(2);
        // The engine's fused layer norm over the last axis of [B, G, C/G * positions] is exactly
        // the group statistics; its own affine is per position, so it is left at identity here.
        NDManager m = x.getManager();
        NDArray normalised = LayerNorm.layerNorm(grouped, new Shape(perGroup), m.ones(new Shape(perGroup), x.getDataType()),
                m.zeros(new Shape(perGroup), x.getDataType()), EPS).singletonOrThrow().reshape(shape);
        long[] perChannel = new long[shape.dimension()];
        Arrays.fill(perChannel, 1);
        perChannel[1] = channels;
        return new NDList(normalised.mul(ps.getValue(gamma, x.getDevice(), training).reshape(perChannel))
                .add(ps.getValue(beta, x.getDevice(), training).reshape(perChannel)));
    }

    private long channels(Shape shape) {
        if (shape.dimension() < 2 || shape.get(1) % groups != 0) {
            throw new IllegalArgumentException("GroupNorm needs [B, C, ...] with C divisible by " + groups + " groups, got " + shape);
        }
        return shape.get(1);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape perChannel = new Shape(channels(inputShapes[0]));
        gamma.setShape(perChannel);
        beta.setShape(perChannel);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
