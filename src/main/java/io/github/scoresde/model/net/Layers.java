package io.github.scoresde.model.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/** Small helpers shared by the score networks. */
final class Layers {
    private Layers() {}

    /**
     * SiLU, x sigmoid(x), the activation of DDPM and NCSN++. Not DJL's swish(x, 1), which
     * multiplies by a borrowed-memory scalar that the backward pass reads after it is freed
     * (see Shapes.scale).
     */
    static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** A single-input block applied to one array. */
    static NDArray apply(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** A k x k convolution with stride 1 and "same" padding (k odd). */
    static Conv2d conv(int filters, int k) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(k, k)).optPadding(new Shape(k / 2, k / 2)).build();
    }
}
