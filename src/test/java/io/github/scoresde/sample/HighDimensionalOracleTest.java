package io.github.scoresde.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.eval.ModeWeights;
import io.github.scoresde.eval.Moments;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.sde.VeSde;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.testing.Oracle;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The samplers handle full covariances in 16 dimensions: on the anisotropic two-component
 * mixture (eigenvalues 0.05 to 2, rotated), the samples' covariance and component weights match
 * the exact mixture.
 */
class HighDimensionalOracleTest {
    private static final GaussianMixture MIXTURE = Mixtures.aniso16();
    private static final int N = 10_000;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new VpSde(), SamplerKind.PC),
                Arguments.of(new VpSde(), SamplerKind.ODE),
                Arguments.of(new VeSde(0.01, 20), SamplerKind.REVERSE_DIFFUSION),
                Arguments.of(new VeSde(0.01, 20), SamplerKind.ODE));
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("cases")
    void reproducesTheSixteenDimensionalMixture(Sde sde, SamplerKind kind) {
        try (NDManager m = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(MIXTURE, sde, m)) {
            Rng rng = new Rng(11);
            NDArray start = sde.prior().sample(m, new Shape(N, 16), DataType.FLOAT32, rng);
            double[][] x = Oracle.points(kind.build(SamplerSettings.defaults(), 1000)
                    .sample(model, start, new UniformTime(1000), new SamplingContext(rng)).x());
            double[][] exact = MIXTURE.sample(N, new SplittableRandom(12)).points();

            double[][] cov = Moments.covariance(x);
            double[][] covExact = MIXTURE.covariance();
            for (int i = 0; i < 16; i++) {
                for (int j = 0; j < 16; j++) {
                    // Var of a sample covariance entry ~ (C_ii C_jj + C_ij^2) / n (Gaussian
                    // approximation; the mixture's tails are lighter than 4.5 se allows for).
                    double se = Math.sqrt((covExact[i][i] * covExact[j][j] + covExact[i][j] * covExact[i][j]) / N);
                    assertEquals(covExact[i][j], cov[i][j], 4.5 * se, kind + " under " + sde.name() + ": covariance " + i + "," + j);
                }
            }
            // The two components overlap, so compare assignment frequencies with those of exact
            // samples: two binomial proportions, standard error sqrt(2 p (1 - p) / n) ~ 0.0065.
            double[] w = ModeWeights.of(x, MIXTURE::mostLikelyComponent, 2);
            double[] wExact = ModeWeights.of(exact, MIXTURE::mostLikelyComponent, 2);
            double se = Math.sqrt(2 * wExact[0] * (1 - wExact[0]) / N);
            assertTrue(Math.abs(w[0] - wExact[0]) < 4.5 * se, kind + " under " + sde.name() + ": weights " + w[0] + " vs " + wExact[0]);
        }
    }
}
