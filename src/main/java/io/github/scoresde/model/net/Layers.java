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

    /** SiLU (swish with beta 1), the activation of DDPM and NCSN++. */
    static NDArray silu(NDArray x) {
        return Activation.swish(x, 1f);
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
