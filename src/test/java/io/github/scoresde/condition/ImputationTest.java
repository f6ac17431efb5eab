package io.github.scoresde.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.eval.ModeWeights;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sample.SamplerSettings;
import io.github.scoresde.sample.Samples;
import io.github.scoresde.sample.SamplingContext;
import io.github.scoresde.sample.StepListener;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.testing.MixtureOracle;
import io.github.scoresde.testing.Oracle;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Imputation by replacement against the exact conditional mixture (SPEC §6, §8): one coordinate
 * of the 8-Gaussian mixture given (x0 = 2, the example) and 8 of the 16 coordinates of
 * aniso16 given (all 0). Replacement is a heuristic, so the checks bound its measured error, and
 * a control run of the exact conditional score through the same sampler shows the sampler itself
 * is exact there.
 */
class ImputationTest {
    private static final Sde SDE = new VpSde();
    private static final int N = 4000;
    private static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** A mixture, its known coordinates and their values. */
    private record Problem(String name, GaussianMixture mixture, int[] known, double[] values) {
        GaussianMixture conditional() {
            return mixture.conditional(known, values);
        }

        int[] unknown() {
            return IntStream.range(0, mixture.dim()).filter(j -> Arrays.stream(known).noneMatch(k -> k == j)).toArray();
        }

        double[][] unknownPart(double[][] x) {
            int[] u = unknown();
            return Arrays.stream(x).map(p -> Arrays.stream(u).mapToDouble(j -> p[j]).toArray()).toArray(double[][]::new);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Problem GMM8 = new Problem("gmm8 given x0 = 2", Mixtures.gmm8(), new int[] {0}, new double[] {2.0});
    private static final Problem ANISO16 = new Problem("aniso16 given x0..x7 = 0", Mixtures.aniso16(),
            IntStream.range(0, 8).toArray(), new double[8]);

    static Stream<Arguments> problems() {
        return Stream.of(Arguments.of(GMM8), Arguments.of(ANISO16));
    }

    private static double[][] impute(Problem p, SamplerKind kind, int steps) {
        try (NDManager m = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(p.mixture(), SDE, m)) {
            Rng rng = new Rng(7);
            NDArray start = SDE.prior().sample(m, new Shape(N, p.mixture().dim()), DataType.FLOAT32, rng);
            Samples out = kind.build(SamplerSettings.defaults(), steps).sample(model, start,
                    kind.schedule(SamplerSettings.defaults(), steps, Double.NaN),
                    new SamplingContext(rng, StepListener.NONE, Imputation.coordinates(p.mixture().dim(), p.known(), p.values())));
            return Oracle.points(out.x());
        }
    }

    private static double knownError(Problem p, double[][] x) {
        double worst = 0;
        for (double[] point : x) {
            for (int j = 0; j < p.known().length; j++) {
                worst = Math.max(worst, Math.abs(point[p.known()[j]] - p.values()[j]));
            }
        }
        return worst;
    }

    private static double weightError(Problem p, double[][] unknown) {
        GaussianMixture c = p.conditional();
        return ModeWeights.maxAbsError(ModeWeights.of(unknown, c::mostLikelyComponent, c.components()), c.weights());
    }

    private static double spreadError(Problem p, double[][] unknown) {
        double exact = Oracle.withinModeVariance(p.conditional(), p.conditional().sample(N, new SplittableRandom(100)).points())[0];
        return Oracle.withinModeVariance(p.conditional(), unknown)[0] / exact - 1;
    }

    /**
     * PC (reverse diffusion + one Langevin step, N = 1000) with replacement, n = 4000, seed 7.
     * Measured errors against the exact conditional: mode weights 0.017 (gmm8) and 0.037
     * (aniso16, max abs), within-mode variance +4.4% and +5.9%; at n = 10^4 0.006 / 0.030 and
     * +2.8% / +4.2%, so the bias is the method's, not noise (the exact conditional score through
     * the same sampler is within noise, {@link #theSamplerIsExactWithTheExactConditionalScore}).
     * Bounds: weights 0.07 (the aniso16 bias plus 4.5 binomial se, 0.033 at p = 0.3) and
     * variance 12% (the bias plus 4.5 se of the ratio, ~1.5% each); without the constraint the
     * unknown coordinates follow the marginal, +140% and +109% in variance
     * ({@link #theChecksRejectTheUnconditionalMarginal}). The known coordinates are exact.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void predictorCorrectorImputesTheConditionalWithinTheMeasuredError(Problem p) {
        double[][] x = impute(p, SamplerKind.PC, 1000);
        double[][] u = p.unknownPart(x);
        assertEquals(0, knownError(p, x), p + ": known coordinates");
        assertTrue(weightError(p, u) < 0.07, p + ": mode-weight error " + weightError(p, u));
        assertTrue(Math.abs(spreadError(p, u)) < 0.12, p + ": within-mode variance error " + spreadError(p, u));
    }

    /** The bounds above separate the conditional from the marginal of the unknown coordinates. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void theChecksRejectTheUnconditionalMarginal(Problem p) {
        double[][] marginal = p.unknownPart(p.mixture().sample(N, new SplittableRandom(4)).points());
        assertTrue(weightError(p, marginal) >= 0.07 || Math.abs(spreadError(p, marginal)) >= 0.12, p.toString());
    }

    /** Control: the same PC sampler on the exact diffused conditional (SPEC §8) passes the tight mixture checks. */
    @Test
    void theSamplerIsExactWithTheExactConditionalScore() {
        GaussianMixture c = ANISO16.conditional();
        try (NDManager m = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(c, SDE, m)) {
            Rng rng = new Rng(7);
            NDArray start = SDE.prior().sample(m, new Shape(N, c.dim()), DataType.FLOAT32, rng);
            Samples out = SamplerKind.PC.build(SamplerSettings.defaults(), 1000).sample(model, start,
                    SamplerKind.PC.schedule(SamplerSettings.defaults(), 1000, Double.NaN), new SamplingContext(rng));
            MixtureOracle.of(c, N).assertMatches(Oracle.points(out.x()), "exact conditional score");
        }
    }

    /**
     * The EDM-form samplers apply the constraint too (known coordinates exact, the modes found),
     * but replacement without a corrector is far off: DPM-Solver++(2M) at N = 100 measured
     * mode-weight errors 0.069 / 0.011 and within-mode variance +88% / +55% (gmm8 / aniso16, n = 4000),
     * EM at N = 1000 +45% / +34% (n = 10^4). Neither the noise-free mean path a(t) y (+38% /
     * +32% with EM, n = 4000) nor one noise draw kept for the whole path (+80% / +47%) fixes it: the
     * corrector's Langevin steps do most of the work.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void edmFormSamplersImputeToo(Problem p) {
        double[][] x = impute(p, SamplerKind.DPMPP_2M, 100);
        assertEquals(0, knownError(p, x), p + ": known coordinates");
        assertTrue(weightError(p, p.unknownPart(x)) < 0.12, p + ": mode-weight error " + weightError(p, p.unknownPart(x)));
    }

    /** The adaptive and fixed-step ODE samplers have no step to constrain after, and say so. */
    @Test
    void probabilityFlowSamplersRefuseAConstraint() {
        try (NDManager m = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(GMM8.mixture(), SDE, m)) {
            NDArray start = SDE.prior().sample(m, new Shape(4, 2), DataType.FLOAT32, new Rng(1));
            for (SamplerKind kind : new SamplerKind[] {SamplerKind.ODE, SamplerKind.ODE_HEUN}) {
                assertFalse(kind.build(SamplerSettings.defaults(), 10).appliesConstraints());
                assertThrows(UnsupportedOperationException.class, () -> kind.build(SamplerSettings.defaults(), 10).sample(model, start,
                        kind.schedule(SamplerSettings.defaults(), 10, Double.NaN),
                        new SamplingContext(new Rng(2), StepListener.NONE, Imputation.coordinates(2, GMM8.known(), GMM8.values()))));
            }
        }
    }
}
