package io.github.scoresde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sample.Langevin;
import io.github.scoresde.sample.PredictorCorrector;
import io.github.scoresde.sample.ReverseDiffusion;
import io.github.scoresde.sample.Samples;
import io.github.scoresde.sample.SamplingContext;
import io.github.scoresde.sample.UniformTime;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import org.junit.jupiter.api.Test;

/** The Java example of the README, kept compiling and running. */
class ReadmeExampleTest {
    @Test
    void readmeExampleRuns() {
        // README example begins
        try (NDManager nd = NDManager.newBaseManager();
                ExactMixtureModel model = new ExactMixtureModel(Mixtures.gmm8(), new VpSde(), nd)) {
            Rng rng = new Rng(0);
            NDArray start = model.sde().prior().sample(nd, new Shape(10_000, 2), DataType.FLOAT32, rng);
            PredictorCorrector pc = new PredictorCorrector(
                    new ReverseDiffusion(), new Langevin(0.16, Langevin.Norm.BATCH), 1, true);
            Samples out = pc.sample(model, start, new UniformTime(1000), new SamplingContext(rng));
            float[] xy = out.x().toFloatArray();   // 10,000 points, NFE = out.nfe() = 2000
            // README example ends
            assertEquals(20_000, xy.length);
            assertEquals(2000, out.nfe());
        }
    }
}
