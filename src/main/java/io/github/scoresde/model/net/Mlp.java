package io.github.scoresde.model.net;

import static io.github.scoresde.model.net.Layers.apply;
import static io.github.scoresde.model.net.Layers.silu;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Noise-conditional MLP for low-dimensional data: Gaussian Fourier features of the noise label
 * through a two-layer embedding, an input projection, residual blocks
 * h += W2 SiLU(W1 SiLU(h) + E emb), and an output projection (the low-dimensional analogue of
 * NCSN++'s time conditioning, Song et al. 2021, App. H).
 *
 * <p>Inputs: NDList(x [B, D], noise label [B]); output [B, D] (or [B, outputs]). {@link #forwardWithTangents}
 * also carries tangents of x through the same layers.
 */
public final class Mlp extends AbstractBlock implements ForwardDifferentiable {
    private static final byte VERSION = 1;

    private final int dim;
    private final int outputs;
    private final int width;
    private final int embedding;
    private final FourierFeatures fourier;
    private final Linear embed1;
    private final Linear embed2;
    private final Linear input;
    private final Linear output;
    private final List<Linear[]> blocks = new ArrayList<>();

    /**
     * @param dim data dimension D
     * @param width hidden width
     * @param residualBlocks number of residual blocks
     * @param frequencySeed seed of the fixed Fourier frequencies (part of the architecture)
     */
    public Mlp(int dim, int width, int residualBlocks, long frequencySeed) {
        this(dim, dim, width, residualBlocks, frequencySeed);
    }

    /**
     * An MLP with {@code outputs} outputs instead of D: the logits of a noisy classifier.
     *
     * @param dim data dimension D
     * @param outputs output width
     */
    public Mlp(int dim, int outputs, int width, int residualBlocks, long frequencySeed) {
        super(VERSION);
        if (dim < 1 || outputs < 1 || width < 1 || residualBlocks < 0) {
            throw new IllegalArgumentException("need dim, outputs, width >= 1 and residual blocks >= 0");
        }
        this.dim = dim;
        this.outputs = outputs;
        this.width = width;
        this.embedding = width;
        this.fourier = new FourierFeatures(embedding / 2, frequencySeed);
        embed1 = addChildBlock("embed1", Linear.builder().setUnits(width).build());
        embed2 = addChildBlock("embed2", Linear.builder().setUnits(width).build());
        input = addChildBlock("input", Linear.builder().setUnits(width).build());
        for (int r = 0; r < residualBlocks; r++) {
            blocks.add(new Linear[] {
                addChildBlock("block" + r + "_in", Linear.builder().setUnits(width).build()),
                addChildBlock("block" + r + "_time", Linear.builder().setUnits(width).build()),
                addChildBlock("block" + r + "_out", Linear.builder().setUnits(width).build())
            });
        }
        output = addChildBlock("output", Linear.builder().setUnits(outputs).build());
    }

    /** silu'(h) = sigmoid(h) (1 + h (1 - sigmoid(h))). */
    private static NDArray siluDerivative(NDArray h) {
        NDArray sigmoid = Activation.sigmoid(h);
        return sigmoid.mul(h.mul(sigmoid.neg().add(1)).add(1));
    }

    /** The tangent of a linear layer's output: W v (the bias has none). */
    private static NDArray applyTangent(Linear layer, ParameterStore ps, NDArray v, boolean training) {
        NDArray weight = ps.getValue(layer.getParameters().get("weight"), v.getDevice(), training);
        return Linear.linear(v, weight).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(run(ps, inputs.get(0), inputs.get(1), null, training).value());
    }

    @Override
    public Jvp forwardWithTangents(ParameterStore ps, NDArray input, NDArray label, NDArray tangents, boolean training) {
        return run(ps, input, label, tangents, training);
    }

    /**
     * The forward pass, with the tangents carried along when not null: Linear maps v to W v and
     * SiLU to silu'(h) v; the embedding of the fixed label has no tangent.
     */
    private Jvp run(ParameterStore ps, NDArray x, NDArray label, NDArray tangents, boolean training) {
        NDArray features = fourier.of(label.toType(x.getDataType(), false));
        NDArray emb = silu(apply(embed2, ps, silu(apply(embed1, ps, features, training)), training));
        NDArray h = apply(input, ps, x, training);
        NDArray dh = tangents == null ? null : applyTangent(input, ps, tangents, training);
        for (Linear[] block : blocks) {
            NDArray inner = apply(block[0], ps, silu(h), training).add(apply(block[1], ps, emb, training));
            NDArray next = h.add(apply(block[2], ps, silu(inner), training));
            if (dh != null) {
                NDArray dInner = applyTangent(block[0], ps, dh.mul(siluDerivative(h)), training);
                dh = dh.add(applyTangent(block[2], ps, dInner.mul(siluDerivative(inner)), training));
            }
            h = next;
        }
        NDArray out = apply(output, ps, silu(h), training);
        return new Jvp(out, dh == null ? null : applyTangent(output, ps, dh.mul(siluDerivative(h)), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputs)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        embed1.initialize(manager, dataType, new Shape(batch, fourier.size()));
        embed2.initialize(manager, dataType, new Shape(batch, width));
        input.initialize(manager, dataType, new Shape(batch, dim));
        for (Linear[] block : blocks) {
            block[0].initialize(manager, dataType, new Shape(batch, width));
            block[1].initialize(manager, dataType, new Shape(batch, embedding));
            block[2].initialize(manager, dataType, new Shape(batch, width));
        }
        output.initialize(manager, dataType, new Shape(batch, width));
    }
}
