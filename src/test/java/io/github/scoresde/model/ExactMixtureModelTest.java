package io.github.scoresde.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.github.scoresde.sde.EdmSde;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.sde.SubVpSde;
import io.github.scoresde.sde.VeSde;
import io.github.scoresde.sde.VpSde;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExactMixtureModelTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static Stream<Sde> sdes() {
        return Stream.of(new VeSde(0.01, 10), new VpSde(), new SubVpSde(), new EdmSde(0.002, 10));
    }

    /** Points and per-sample times spread over (0, T], in float64. */
    private static NDArray[] inputs(GaussianMixture mix, Sde sde, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] t = new double[n];
        double[] x = new double[n * mix.dim()];
        for (int i = 0; i < n; i++) {
            t[i] = sde.tMax() * (0.01 + 0.99 * rnd.nextDouble());
            double[] p = mix.diffused(sde.a(t[i]), sde.s(t[i])).sample(1, rnd).points()[0];
            System.arraycopy(p, 0, x, i * mix.dim(), mix.dim());
        }
        return new NDArray[] {manager.create(x, new ai.djl.ndarray.types.Shape(n, mix.dim())), manager.create(t)};
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void scoreIsTheAutogradGradientOfTheLogDensity(Sde sde) {
        for (GaussianMixture mix : List.of(Mixtures.gmm8(), Mixtures.aniso16())) {
            try (NDManager scope = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(mix, sde, scope)) {
                NDArray[] in = inputs(mix, sde, 64, 7);
                NDArray x = in[0];
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(model.logDensity(x, in[1]).sum());
                }
                double[] grad = x.getGradient().toDoubleArray();
                double[] score = model.score(x, in[1]).toDoubleArray();
                // float64 throughout: the two agree to round-off relative to the score's size.
                for (int i = 0; i < grad.length; i++) {
                    assertEquals(grad[i], score[i], 1e-9 * (1 + Math.abs(grad[i])), "component " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void logDensityAndDenoiserMatchTheJavaOracle(Sde sde) {
        GaussianMixture mix = Mixtures.aniso16();
        try (NDManager scope = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(mix, sde, scope)) {
            NDArray[] in = inputs(mix, sde, 32, 11);
            double[] t = in[1].toDoubleArray();
            double[] logp = model.logDensity(in[0], in[1]).toDoubleArray();
            double[] score = model.score(in[0], in[1]).toDoubleArray();
            double[] denoised = model.denoise(in[0], in[1]).toDoubleArray();
            double[] x = in[0].toDoubleArray();
            int d = mix.dim();
            for (int i = 0; i < t.length; i++) {
                double[] xi = java.util.Arrays.copyOfRange(x, i * d, (i + 1) * d);
                double expected = mix.diffused(sde.a(t[i]), sde.s(t[i])).logDensity(xi);
                assertEquals(expected, logp[i], 1e-9 * (1 + Math.abs(expected)));
                // Tweedie: E[x0 | x_t] = (x + s^2 score) / a.
                double a = sde.a(t[i]);
                double s2 = sde.s(t[i]) * sde.s(t[i]);
                for (int j = 0; j < d; j++) {
                    double tweedie = (xi[j] + s2 * score[i * d + j]) / a;
                    assertEquals(tweedie, denoised[i * d + j], 1e-8 * (1 + Math.abs(tweedie)));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void float32AgreesWithFloat64(Sde sde) {
        GaussianMixture mix = Mixtures.gmm8();
        try (NDManager scope = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(mix, sde, scope)) {
            NDArray[] in = inputs(mix, sde, 128, 3);
            double[] s64 = model.score(in[0], in[1]).toDoubleArray();
            float[] s32 = model.score(in[0].toType(DataType.FLOAT32, false), in[1].toType(DataType.FLOAT32, false))
                    .toFloatArray();
            for (int i = 0; i < s64.length; i++) {
                // float32 carries ~7 digits; scores here are at most ~1e3 in size.
                assertTrue(Math.abs(s64[i] - s32[i]) <= 1e-4 * (1 + Math.abs(s64[i])), "component " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void responsibilitiesAreTheExactNoisyClassifier(Sde sde) {
        GaussianMixture mix = Mixtures.gmm8();
        try (NDManager scope = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(mix, sde, scope)) {
            NDArray[] in = inputs(mix, sde, 40, 13);
            double[] t = in[1].toDoubleArray();
            double[] x = in[0].toDoubleArray();
            double[] r = model.responsibilities(in[0], in[1]).toDoubleArray();
            int k = mix.components();
            for (int i = 0; i < t.length; i++) {
                double[] expected = model.marginal(t[i]).responsibilities(new double[] {x[2 * i], x[2 * i + 1]});
                for (int j = 0; j < k; j++) {
                    // float64 softmax against the Java log-sum-exp: round-off only.
                    assertEquals(expected[j], r[i * k + j], 1e-10, "sample " + i + " component " + j);
                }
            }
        }
    }
}
