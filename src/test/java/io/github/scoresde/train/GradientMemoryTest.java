package io.github.scoresde.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.model.Parameterization;
import io.github.scoresde.model.net.UNet;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.testing.FreedMemory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradients must not depend on what happens to freed Java memory between the forward and the
 * backward pass. libtorch keeps tensors that the backward pass needs; a tensor made from a Java
 * buffer does not own that buffer, so if its Java array is closed before backward (as DJL's
 * {@code mul(Number)} does with its scalar), garbage collection can free the memory under
 * libtorch. Here the garbage collector runs and fresh native memory is filled with 0xFF (NaN)
 * between forward and backward; before the fix this changed the gradients or made them NaN,
 * which is what the rare skipped training steps were.
 */
class GradientMemoryTest {
    private final List<ByteBuffer> poison = new ArrayList<>();

    @Test
    void mlpGradientsIgnoreFreedJavaMemory() {
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 16);
            NDArray x0 = new Rng(2).normal(m, new Shape(64, 2), DataType.FLOAT32);
            assertSameGradients(model, x0);
        }
    }

    @Test
    void unetGradientsIgnoreFreedJavaMemory() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet unet = new UNet(new UNet.Config(1, 8, new int[] {1, 2}, 1, new int[] {1}, 4, 0, 0));
            new Rng(1).seedEngineFor(() -> unet.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8), new Shape(1)));
            // Move the zero-initialised output convolution off zero so every layer gets a gradient.
            for (Pair<String, Parameter> p : unet.getParameters()) {
                if (p.getKey().contains("output_conv")) {
                    p.getValue().getArray().addi(new Rng(3).normal(m, p.getValue().getArray().getShape(), DataType.FLOAT32).muli(0.05f));
                }
            }
            NetworkScoreModel model = new NetworkScoreModel(unet, new VpSde(), new Parameterization.Edm(0.5), new ParameterStore(m, false));
            NDArray x0 = new Rng(2).normal(m, new Shape(8, 1, 8, 8), DataType.FLOAT32);
            assertSameGradients(model, x0);
        }
    }

    private void assertSameGradients(NetworkScoreModel model, NDArray x0) {
        Objective objective = new EdmObjective(-1.2, 1.2);
        List<float[]> quiet = gradients(model, objective, x0, false);
        for (int round = 0; round < 5; round++) {
            List<float[]> disturbed = gradients(model, objective, x0, true);
            for (int i = 0; i < quiet.size(); i++) {
                assertArrayEquals(quiet.get(i), disturbed.get(i), "parameter " + i + " in round " + round);
            }
        }
    }

    private List<float[]> gradients(NetworkScoreModel model, Objective objective, NDArray x0, boolean disturb) {
        List<float[]> out = new ArrayList<>();
        try (NDManager scope = x0.getManager().newSubManager()) {
            NDArray x = x0.duplicate();
            x.attach(scope);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = objective.loss(model, x, Rng.forStep(7, 1)).mean();
                if (disturb) {
                    poison.addAll(FreedMemory.poison());
                }
                collector.backward(loss);
            }
            for (Pair<String, Parameter> p : model.network().getParameters()) {
                NDArray g = p.getValue().getArray().getGradient();
                g.attach(scope);
                out.add(g.toFloatArray());
                g.muli(0);
            }
        }
        poison.clear();
        return out;
    }
}
