package io.github.scoresde.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.UserInputException;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sample.ode.DormandPrince45;
import io.github.scoresde.sample.ode.ErrorNorm;
import io.github.scoresde.sample.ode.OdeSolver;
import io.github.scoresde.sample.ode.Tolerances;
import io.github.scoresde.sde.EdmSde;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.sde.SubVpSde;
import io.github.scoresde.sde.VeSde;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.testing.Oracle;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Samplers stay finite at any resolution, refuse SDEs they don't support, and don't leak. */
class SamplerRobustnessTest {
    private static final GaussianMixture MIXTURE = Mixtures.gmm8();
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
        return Stream.of(new VeSde(), new VpSde(), new SubVpSde(), new EdmSde());
    }

    /** Every step count from the sampler's minimum: finite samples, and the NFE that {@link SamplerKind#nfe} predicts. */
    @ParameterizedTest
    @MethodSource("sdes")
    void everySamplerIsFiniteForEveryStepCount(Sde sde) {
        try (ExactMixtureModel model = new ExactMixtureModel(MIXTURE, sde, manager)) {
            for (SamplerKind kind : SamplerKind.values()) {
                for (int steps : new int[] {1, 2, 3, 4, 5, 10, 20, 21, 50}) {
                    if (steps < kind.minSteps()) {
                        continue;
                    }
                    try (NDManager scope = manager.newSubManager()) {
                        Rng rng = new Rng(steps);
                        NDArray start = sde.prior().sample(scope, new Shape(256, 2), DataType.FLOAT32, rng);
                        Sampler sampler = kind.build(SamplerSettings.defaults(), steps);
                        Samples out;
                        try {
                            out = sampler.sample(model, start, new UniformTime(steps), new SamplingContext(rng));
                        } catch (UserInputException e) {
                            assertTrue(kind == SamplerKind.ANCESTRAL || kind == SamplerKind.ALD, kind + ": " + e.getMessage());
                            assertTrue(e.getMessage().contains("'" + sde.name() + "'"), e.getMessage());
                            continue;
                        }
                        int counted = out.nfe();
                        kind.nfe(steps, SamplerSettings.defaults()).ifPresent(n -> assertEquals(n, counted, kind + " NFE at N = " + steps));
                        double[][] x = Oracle.points(out.x());
                        for (double[] p : x) {
                            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]),
                                    kind + " under " + sde.name() + " at N = " + steps + " gave " + p[0] + ", " + p[1]);
                        }
                    }
                }
            }
        }
    }

    /** Without the closing denoising step the predicted NFE changes with the sampler (EDM form: one fewer, ODE: no +1). */
    @Test
    void predictedNfeWithoutDenoising() {
        SamplerSettings noDenoise = new SamplerSettings(PredictorKind.EULER_MARUYAMA, CorrectorKind.LANGEVIN, 2, 0.16, Langevin.Norm.BATCH,
                0.2, 1e-3, 1e-3, ErrorNorm.RMS, false, Optional.empty(), 40, 0.05, 50, 1, 0);
        try (ExactMixtureModel model = new ExactMixtureModel(MIXTURE, new VeSde(), manager)) {
            for (SamplerKind kind : SamplerKind.values()) {
                int steps = 7;
                try (NDManager scope = manager.newSubManager()) {
                    Rng rng = new Rng(1);
                    NDArray start = model.sde().prior().sample(scope, new Shape(16, 2), DataType.FLOAT32, rng);
                    Samples out = kind.build(noDenoise, steps).sample(model, start, kind.schedule(noDenoise, steps, Double.NaN),
                            new SamplingContext(rng));
                    kind.nfe(steps, noDenoise).ifPresentOrElse(n -> assertEquals(n, out.nfe(), kind.cliName()),
                            () -> assertTrue(kind.adaptive(), kind + " predicts no NFE but is not adaptive"));
                }
            }
        }
    }

    /** Below its minimum every sampler refuses the grid with a user error that names the minimum; at it the grid is built. */
    @Test
    void tooFewStepsForASamplerAreUserErrors() {
        SamplerSettings defaults = SamplerSettings.defaults();
        for (SamplerKind kind : SamplerKind.values()) {
            int min = kind.minSteps();
            assertTrue(min >= 1 && min <= 4, kind + ": " + min);
            assertEquals(min, kind.schedule(defaults, min, Double.NaN).times(new VpSde()).length);
            if (min > 1) {
                UserInputException e = assertThrows(UserInputException.class, () -> kind.schedule(defaults, min - 1, Double.NaN));
                assertTrue(e.getMessage().contains(kind.cliName()) && e.getMessage().endsWith("use at least " + min), e.getMessage());
            }
        }
        assertEquals(1, SamplerKind.EM.minSteps());
        assertEquals(2, SamplerKind.EDM_HEUN.minSteps());
        assertEquals(3, SamplerKind.DPMPP_2M.minSteps());
        assertEquals(4, SamplerKind.DPMPP_3M.minSteps());
    }

    @Test
    void unsupportedCombinationsAreUserErrors() {
        try (ExactMixtureModel model = new ExactMixtureModel(MIXTURE, new SubVpSde(), manager); NDManager scope = manager.newSubManager()) {
            NDArray start = scope.zeros(new Shape(4, 2));
            SamplerSettings settings = SamplerSettings.defaults();
            assertThrows(UserInputException.class, () -> SamplerKind.ANCESTRAL.build(settings, 10)
                    .sample(model, start, new UniformTime(10), new SamplingContext(new Rng(0))));
            assertThrows(UserInputException.class, () -> SamplerKind.ALD.build(settings, 10)
                    .sample(model, start, new UniformTime(10), new SamplingContext(new Rng(0))));
        }
    }

    @Test
    void liveArraysStayFlatOverOneHundredThousandSteps() {
        int steps = 100_000;
        try (NDManager root = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(MIXTURE, new VpSde(), root)) {
            NDArray start = model.sde().prior().sample(root, new Shape(16, 2), DataType.FLOAT32, new Rng(0));
            int before = root.getManagedArrays().size();
            int[] seen = new int[2];
            StepListener probe = event -> {
                if (event.index() == 1000) {
                    seen[0] = root.getManagedArrays().size();
                } else if (event.index() == steps - 1) {
                    seen[1] = root.getManagedArrays().size();
                }
            };
            Samples out = new PredictorCorrector(new EulerMaruyama(), new Langevin(0.16, Langevin.Norm.BATCH), 1, true)
                    .sample(model, start, new UniformTime(steps), new SamplingContext(new Rng(1), probe));
            assertEquals(seen[0], seen[1], "live arrays during sampling");
            // Only the result survives: x and x_mean, one array when denoising.
            assertEquals(before + (out.x() == out.xMean() ? 1 : 2), root.getManagedArrays().size());
            assertEquals(2 * steps, out.nfe());
        }
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void probabilityFlowEncodeThenDecodeReturnsTheInput(Sde sde) {
        // float64 and rtol = atol = 1e-9: the round trip error is the solver's, a few times its tolerance
        // times the number of steps, far below the bound asserted.
        OdeSolver solver = new DormandPrince45(new Tolerances(1e-9, 1e-9, 0, 200_000), ErrorNorm.RMS);
        try (NDManager scope = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(MIXTURE, sde, scope)) {
            double[][] data = MIXTURE.sample(256, new SplittableRandom(4)).points();
            NDArray x = Oracle.array(scope, data, DataType.FLOAT64);
            ProbabilityFlow flow = new ProbabilityFlow(model);
            NDArray latent = solver.solve(flow, x, sde.eps(), sde.tMax()).x();
            double[][] z = Oracle.points(latent);
            double[][] back = Oracle.points(solver.solve(flow, latent, sde.tMax(), sde.eps()).x());
            double worst = 0;
            for (int i = 0; i < data.length; i++) {
                for (int j = 0; j < 2; j++) {
                    worst = Math.max(worst, Math.abs(back[i][j] - data[i][j]));
                }
            }
            assertTrue(worst < 1e-5, sde.name() + ": decode(encode(x)) off by " + worst);
            // The latent is a prior-scale point, not the input: the flow really moved it.
            assertTrue(Math.abs(z[0][0] - data[0][0]) > 1e-2 * sde.prior().std(), "latent equals input");
        }
    }
}
