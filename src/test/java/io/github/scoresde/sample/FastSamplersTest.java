package io.github.scoresde.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sde.EdmSde;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.sde.SubVpSde;
import io.github.scoresde.sde.VeSde;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.testing.MixtureOracle;
import io.github.scoresde.testing.Oracle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The EDM-form samplers against the exact 8-Gaussian mixture (SPEC §4, §8). */
class FastSamplersTest {
    /** The samplers that run in the EDM variable on any grid. */
    static final Set<SamplerKind> EDM_FORM =
            EnumSet.of(SamplerKind.EDM_HEUN, SamplerKind.EDM_HEUN_CHURN, SamplerKind.DDIM, SamplerKind.DPMPP_2M, SamplerKind.DPMPP_3M);

    private static final int N_SAMPLES = 10_000;
    private static final GaussianMixture MIXTURE = Mixtures.gmm8();
    private static NDManager manager;
    private static MixtureOracle oracle;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        oracle = MixtureOracle.of(MIXTURE, N_SAMPLES);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Sde sde : List.of(new VeSde(0.01, 50), new VpSde(), new SubVpSde(), new EdmSde())) {
            for (SamplerKind kind : EDM_FORM) {
                out.add(Arguments.of(sde, kind));
            }
        }
        return out.stream();
    }

    private static Samples run(Sde sde, SamplerKind kind, Schedule schedule, ExactMixtureModel model, NDManager scope, int n) {
        Rng rng = new Rng(7);
        NDArray start = sde.prior().sample(scope, new Shape(n, 2), DataType.FLOAT32, rng);
        return kind.build(SamplerSettings.defaults(), 0).sample(model, start, schedule, new SamplingContext(rng));
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("cases")
    void reproducesTheMixtureOnTheKarrasGrid(Sde sde, SamplerKind kind) {
        int steps = 200;
        try (NDManager scope = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(MIXTURE, sde, scope)) {
            Samples out = run(sde, kind, kind.schedule(SamplerSettings.defaults(), steps, Double.NaN), model, scope, N_SAMPLES);
            oracle.assertMatches(Oracle.points(out.x()), kind + " under " + sde.name());
        }
    }

    /**
     * The comparison the issue asks for, at 10^4 samples (se of a within-mode variance ~0.0026,
     * of a mode weight 0.0033). Measured (error of the within-mode variance, exact 0.2516):
     * <pre>
     *              EM, 200 NFE   Heun N=10, 19 NFE   DPM++(2M) N=20, 20 NFE   DPM++(2M) N=40
     *   VP            +0.0008         +0.106                +0.015                 +0.0044
     *   EDM           +0.139          +0.079                +0.016                 +0.0041
     * </pre>
     * So the expectation holds on the EDM SDE, whose uniform-in-sigma grid starves EM at low
     * noise, but NOT on VP: there EM at 200 NFE is within noise of the truth while the ODE
     * solvers at ~20 NFE still overshoot the spread (SPEC §4 warns of this on small mixtures);
     * DPM-Solver++ needs about 40 NFE, 5x fewer than EM, to get within noise. Mode weights
     * are within noise for all (max errors 0.0065-0.0098 against a 4.5 se tolerance of 0.015):
     * the deterministic flows keep the start's mode split at any N.
     */
    @Test
    void atAboutTwentyNfeAgainstEulerMaruyamaAt200() {
        double[] vp = spreadErrors(new VpSde());
        double[] edm = spreadErrors(new EdmSde());
        double se = 3 * Math.sqrt(2) * oracle.referenceSpread()[1];
        assertTrue(vp[0] + se < vp[1] && vp[0] + se < vp[2], "VP: EM at 200 NFE beats both at ~20: " + java.util.Arrays.toString(vp));
        assertTrue(Math.abs(vp[3]) < 4.5 * Math.sqrt(2) * oracle.referenceSpread()[1], "VP: DPM++ at 40 NFE within noise: " + vp[3]);
        assertTrue(edm[1] + se < edm[0] && edm[2] + se < edm[0], "EDM: both at ~20 NFE beat EM at 200: " + java.util.Arrays.toString(edm));
    }

    /**
     * Absolute within-mode variance errors of EM (200 NFE), Heun (19), DPM++(2M) (20) and
     * DPM++(2M) (40) under {@code sde}; every run's mode weights must be within noise.
     */
    private double[] spreadErrors(Sde sde) {
        try (NDManager scope = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(MIXTURE, sde, scope)) {
            Samples[] runs = {
                run(sde, SamplerKind.EM, new UniformTime(200), model, scope, N_SAMPLES),
                run(sde, SamplerKind.EDM_HEUN, new KarrasSchedule(10), model, scope, N_SAMPLES),
                run(sde, SamplerKind.DPMPP_2M, new KarrasSchedule(20), model, scope, N_SAMPLES),
                run(sde, SamplerKind.DPMPP_2M, new KarrasSchedule(40), model, scope, N_SAMPLES)};
            int[] nfe = {200, 19, 20, 40};
            double[] errors = new double[runs.length];
            for (int i = 0; i < runs.length; i++) {
                assertEquals(nfe[i], runs[i].nfe());
                double[][] x = Oracle.points(runs[i].x());
                oracle.assertWeightsMatch(x, sde.name() + " run " + i);
                errors[i] = Math.abs(Oracle.withinModeVariance(MIXTURE, x)[0] - oracle.referenceSpread()[0]);
            }
            return errors;
        }
    }

    /**
     * Pathwise convergence on VP in float64 against DPM++(3M) at N = 1000: the error at N = 40,
     * 80, 160 halves per doubling for DDIM (first order), quarters for Heun and DPM++(2M), and
     * falls 8-fold for DPM++(3M). Measured log2 ratios: Heun 2.14, 2.06; DPM++(2M) 2.07, 2.02;
     * DPM++(3M) 3.36, 3.27 (approaching 3 from above: its lower-order first steps fall behind
     * faster); DDIM 1.02, 1.01 (deterministic, so the bands only allow for other seeds' paths).
     * 3M with the reference codes' D'' coefficient (half of the Taylor term, see
     * DpmSolverPlusPlus3MStep) measured 2.68, 2.14 and fails here.
     */
    @Test
    void convergenceOrders() {
        try (NDManager scope = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(MIXTURE, new VpSde(), scope)) {
            NDArray start = model.sde().prior().sample(scope, new Shape(512, 2), DataType.FLOAT64, new Rng(3));
            double[][] exact = Oracle.points(solve(SamplerKind.DPMPP_3M, 1000, model, start));
            for (SamplerKind kind : List.of(SamplerKind.EDM_HEUN, SamplerKind.DPMPP_2M, SamplerKind.DPMPP_3M, SamplerKind.DDIM)) {
                double expected = kind == SamplerKind.DDIM ? 1 : kind == SamplerKind.DPMPP_3M ? 3 : 2;
                double previous = Double.NaN;
                for (int n : new int[] {40, 80, 160}) {
                    double error = rmsDistance(Oracle.points(solve(kind, n, model, start)), exact);
                    if (!Double.isNaN(previous)) {
                        double order = Math.log(previous / error) / Math.log(2);
                        assertEquals(expected, order, kind == SamplerKind.DPMPP_3M ? 0.45 : 0.3, kind + " order at N = " + n);
                    }
                    previous = error;
                }
            }
        }
    }

    private static NDArray solve(SamplerKind kind, int steps, ExactMixtureModel model, NDArray start) {
        return kind.build(SamplerSettings.defaults(), steps).sample(model, start, new KarrasSchedule(steps), new SamplingContext(new Rng(0))).x();
    }

    private static double rmsDistance(double[][] x, double[][] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                sum += (x[i][j] - y[i][j]) * (x[i][j] - y[i][j]);
            }
        }
        return Math.sqrt(sum / x.length);
    }

    /**
     * DDIM with eta = 0 is Euler's method on the probability-flow ODE dx~/dsigma = (x~ - D)/sigma
     * in the EDM variable x~ = x/a (EDM eq. 4), built here step by step: equal within float64
     * round-off, on a non-uniform grid of an SDE with a != 1.
     */
    @Test
    void ddimWithEtaZeroIsEulerInSigma() {
        Sde sde = new VpSde();
        try (NDManager scope = manager.newSubManager(); ExactMixtureModel model = new ExactMixtureModel(MIXTURE, sde, scope)) {
            NDArray start = sde.prior().sample(scope, new Shape(256, 2), DataType.FLOAT64, new Rng(5));
            Schedule schedule = new KarrasSchedule(15);
            Samples ddim = EdmSampler.ddim(0, true).sample(model, start, schedule, new SamplingContext(new Rng(0)));
            double[] t = schedule.times(sde);
            NDArray x = start.div(sde.a(t[0]));
            for (int k = 0; k < t.length - 1; k++) {
                double sigma = sde.s(t[k]) / sde.a(t[k]);
                double next = sde.s(t[k + 1]) / sde.a(t[k + 1]);
                NDArray denoised = model.denoise(x.mul(sde.a(t[k])), Times.like(x, t[k]));
                x = x.add(x.sub(denoised).div(sigma).mul(next - sigma));
            }
            NDArray euler = model.denoise(x.mul(sde.a(t[t.length - 1])), Times.like(x, t[t.length - 1]));
            double diff = ddim.x().sub(euler).abs().max().getDouble();
            assertTrue(diff < 1e-12, "DDIM(eta = 0) vs Euler in sigma: max |diff| = " + diff);
            assertEquals(t.length, ddim.nfe());
        }
    }

    /** Karras's grid: endpoints sigma(T) and sigma(eps), decreasing, the rho = 7 levels, times that map back. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allSdes")
    void karrasScheduleHitsItsNoiseLevels(Sde sde) {
        int n = 12;
        double[] t = new KarrasSchedule(n).times(sde);
        assertEquals(sde.tMax(), t[0]);
        assertEquals(sde.eps(), t[n - 1]);
        double hi = Math.pow(sigma(sde, sde.tMax()), 1 / 7.0);
        double lo = Math.pow(sigma(sde, sde.eps()), 1 / 7.0);
        for (int i = 0; i < n; i++) {
            double expected = Math.pow(hi + i / (n - 1.0) * (lo - hi), 7);
            assertEquals(expected, sigma(sde, t[i]), 1e-9 * expected, "sigma_" + i);
            if (i > 0) {
                assertTrue(t[i] < t[i - 1], "decreasing at " + i);
            }
        }
        assertEquals(1, new KarrasSchedule(1).times(sde).length);
    }

    /** The log-SNR grid: equal steps in ln sigma between the same endpoints. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allSdes")
    void logSnrScheduleIsUniformInLogSigma(Sde sde) {
        int n = 9;
        double[] t = new LogSnrSchedule(n).times(sde);
        double h = Math.log(sigma(sde, t[0]) / sigma(sde, t[n - 1])) / (n - 1);
        for (int i = 1; i < n; i++) {
            assertEquals(h, Math.log(sigma(sde, t[i - 1]) / sigma(sde, t[i])), 1e-9, "step " + i);
        }
    }

    static Stream<Sde> allSdes() {
        return Stream.of(new VeSde(), new VpSde(), new SubVpSde(), new EdmSde());
    }

    private static double sigma(Sde sde, double t) {
        return sde.s(t) / sde.a(t);
    }

    /** The defaults: Karras for the EDM-form samplers, uniform for the rest, which refuse other grids. */
    @Test
    void samplersPickTheirSchedules() {
        SamplerSettings defaults = SamplerSettings.defaults();
        assertEquals(new KarrasSchedule(10), SamplerKind.DPMPP_2M.schedule(defaults, 10, Double.NaN));
        assertEquals(new UniformTime(10), SamplerKind.EM.schedule(defaults, 10, Double.NaN));
        assertEquals(new LogSnrSchedule(10, 1e-3),
                SamplerKind.EDM_HEUN.schedule(defaults.withSchedule(ScheduleKind.LOGSNR), 10, 1e-3));
        org.junit.jupiter.api.Assertions.assertThrows(io.github.scoresde.UserInputException.class,
                () -> SamplerKind.PC.schedule(defaults.withSchedule(ScheduleKind.KARRAS), 10, Double.NaN));
    }
}
