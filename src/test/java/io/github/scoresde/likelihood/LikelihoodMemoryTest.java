package io.github.scoresde.likelihood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sample.ProbabilityFlow;
import io.github.scoresde.sample.ode.DormandPrince45;
import io.github.scoresde.sample.ode.Tolerances;
import io.github.scoresde.sample.ode.VectorField;
import io.github.scoresde.sde.VeSde;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.testing.FreedMemory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Memory stays flat over many batches, and the divergence ignores freed Java memory. */
class LikelihoodMemoryTest {
    private final List<ByteBuffer> poison = new ArrayList<>();

    @Test
    void liveArrayCountIsFlatOverRepeatedCalls() {
        try (NDManager base = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(Mixtures.gmm8(), new VpSde(), base)) {
            ProbabilityFlowLikelihood likelihood = new ProbabilityFlowLikelihood(model,
                    new DormandPrince45(Tolerances.of(1e-4, 1e-4)), new HutchinsonDivergence(ProbeDistribution.RADEMACHER, 2, new Rng(1)));
            try (NDManager m = base.newSubManager()) {
                NDArray x = LikelihoodOracle.samplesAtEps(model, 16, DataType.FLOAT32, m, 1);
                int initial = m.getManagedArrays().size();
                int before = -1;
                for (int call = 0; call < 60; call++) {
                    ProbabilityFlowLikelihood.Result r = likelihood.logLikelihood(x);
                    r.values();
                    r.logLikelihood().close();
                    r.latent().close();
                    if (call == 9) {
                        before = m.getManagedArrays().size() + base.getManagedArrays().size();
                    }
                }
                // After warm-up, 50 more batches (each ~ 40 augmented steps) leave nothing behind.
                assertEquals(before, m.getManagedArrays().size() + base.getManagedArrays().size());
                assertEquals(initial, m.getManagedArrays().size(), "only the input should remain");
            }
        }
    }

    /**
     * As in GradientMemoryTest: garbage is collected and fresh native memory filled with 0xFF
     * between the forward pass of the drift and the backward pass of the divergence. A constant
     * in borrowed Java memory on the differentiated path (mul(Number) in the drift or the
     * mixture's score) would change the divergence or make it NaN.
     */
    @Test
    void divergenceIgnoresFreedJavaMemory() {
        try (NDManager m = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(Mixtures.aniso16(), new VeSde(), m)) {
            NDArray x = LikelihoodOracle.samplesAtEps(model, 8, DataType.FLOAT32, m, 2);
            NDArray state = AugmentedFlow.augment(x);
            Probes probes = new ExactDivergence().draw(m, x.getShape(), x.getDataType());
            VectorField drift = new ProbabilityFlow(model);
            VectorField disturbed = (y, t) -> {
                NDArray f = drift.at(y, t);
                poison.addAll(FreedMemory.poison());
                return f;
            };
            float[] quiet = new AugmentedFlow(drift, x.getShape(), probes).at(state, 0.3).toFloatArray();
            for (int round = 0; round < 5; round++) {
                assertArrayEquals(quiet, new AugmentedFlow(disturbed, x.getShape(), probes).at(state, 0.3).toFloatArray(), "round " + round);
                poison.clear();
            }
        }
    }
}
