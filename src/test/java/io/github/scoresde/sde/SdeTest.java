package io.github.scoresde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.tensor.Rng;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The coefficient table of SPEC §1 against the linear SDE it must solve, and the priors. */
class SdeTest {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
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
        return Stream.of(new VeSde(0.01, 50), new VpSde(), new SubVpSde(), new EdmSde());
    }

    /**
     * x_t = a(t) x0 + s(t) z solves dx = f x dt + g dw iff da/dt = f a and d(s^2)/dt = 2 f s^2 + g^2
     * (Ito: the mean obeys the drift ODE, the variance picks up g^2). Checked by central differences.
     */
    @ParameterizedTest
    @MethodSource("sdes")
    void perturbationKernelSolvesTheLinearSde(Sde sde) {
        double tMax = sde.tMax();
        double lo = Math.max(sde.eps(), 0.02 * tMax);
        // h = 1e-5 T. Truncation of a central difference is h^2/6 |y'''|: the stiffest case is VE
        // with y = s^2 = smin^2 r^(2t), y''' = (2 ln r)^3 y ~ 4.6e3 y, i.e. ~1e-7 y at h = 1e-5,
        // relative to y' = 2 ln r y ~ 17 y: ~5e-9. VP/sub-VP have |m'| <= 10, |m''| ~ 10, so
        // |y'''| <~ 2e3 y, again < 1e-7 relative. Round-off is ~1e-16 |y| / h = 1e-11 |y|. So
        // 1e-6 of the size of the terms is a 100x margin, and any wrong factor (a missing square
        // root, a factor 2 in g^2, the VP s in place of sub-VP's) is an O(1) error.
        double h = 1e-5 * tMax;
        for (int k = 0; k <= 10; k++) {
            double t = lo + (tMax - lo - 2 * h) * k / 10.0;
            double dadt = (sde.a(t + h) - sde.a(t - h)) / (2 * h);
            double fa = sde.f(t) * sde.a(t);
            assertEquals(fa, dadt, 1e-6 * (Math.abs(fa) + Math.abs(sde.a(t)) * 1e-3),
                    sde.name() + " da/dt = f a at t = " + t);

            double v = sde.s(t) * sde.s(t);
            double dvdt = (sq(sde.s(t + h)) - sq(sde.s(t - h))) / (2 * h);
            double drift = 2 * sde.f(t) * v;
            double rhs = drift + sde.g2(t);
            assertEquals(rhs, dvdt, 1e-6 * (Math.abs(drift) + Math.abs(sde.g2(t))),
                    sde.name() + " d(s^2)/dt = 2 f s^2 + g^2 at t = " + t);
            assertTrue(sde.g2(t) > 0 && sde.s(t) > 0 && sde.a(t) > 0, sde.name() + " at t = " + t);
        }
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void kernelStartsAtTheDataAndEndsAtThePrior(Sde sde) {
        // a(0) = exp(m(0)) = exp(0) or the constant 1: exact up to round-off.
        assertEquals(1.0, sde.a(0), 1e-15, sde.name() + " a(0)");
        double tMax = sde.tMax();
        double std = sde.prior().std();
        double aT = sde.a(tMax);
        switch (sde.name()) {
            case "ve" -> {
                // s(1) = smin (smax/smin)^1: smax up to the round-off of pow.
                assertEquals(50, sde.s(1), 1e-12 * 50);
                assertEquals(50, std, 0);
                // s(0) = smin: p_0 is the data blurred by N(0, smin^2) (SPEC §1).
                assertEquals(0.01, sde.s(0), 1e-15);
            }
            case "vp" -> {
                // a(1) = exp(-(bmax - bmin)/4 - bmin/2) = exp(-5.025) = 6.57e-3 exactly.
                assertEquals(Math.exp(-5.025), aT, 1e-15);
                // Variance preserving: s^2 + a^2 = 1 at every t (to round-off).
                for (double t : new double[] {0.001, 0.1, 0.5, 1}) {
                    assertEquals(1.0, sq(sde.s(t)) + sq(sde.a(t)), 1e-14, "s^2 + a^2 at t = " + t);
                }
                // The prior N(0, 1) misses s(1) by 1 - sqrt(1 - a^2) <= a^2 = 4.3e-5.
                assertEquals(1, std, 0);
                assertEquals(std, sde.s(1), aT * aT);
                assertTrue(1 - sde.s(1) > 0, "s(1) < 1");
            }
            case "subvp" -> {
                // s(1) = 1 - a(1)^2 exactly (no square root), so it misses the prior by a^2.
                assertEquals(1 - aT * aT, sde.s(1), 1e-15);
                assertEquals(1, std, 0);
                // Sub-VP variance stays below VP's: (1 - a^2)^2 <= 1 - a^2.
                VpSde vp = new VpSde();
                for (double t : new double[] {0.001, 0.1, 0.5, 1}) {
                    assertTrue(sde.s(t) < vp.s(t), "sub-VP s < VP s at t = " + t);
                }
            }
            case "edm" -> {
                assertEquals(80, tMax, 0);
                assertEquals(80, sde.s(tMax), 0);
                assertEquals(80, std, 0);
                assertEquals(0.002, sde.eps(), 0);
            }
            default -> throw new AssertionError(sde.name());
        }
        // The mean left over at T is a(T) x0: negligible against the prior std for all families
        // (0 for VE/EDM where a = 1 but s(T) >> data scale; 6.6e-3 for VP/sub-VP).
        assertTrue(aT / std <= 1.0 / 50 + 1e-12, sde.name() + " a(T)/std = " + aT / std);
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void tensorCoefficientsMatchTheScalarOnes(Sde sde) {
        double[] t = {sde.eps(), 0.25 * sde.tMax(), 0.25 * sde.tMax(), sde.tMax()};
        try (NDManager scope = manager.newSubManager()) {
            NDArray times = scope.create(t);
            double[] a = sde.a(times).toDoubleArray();
            double[] s = sde.s(times).toDoubleArray();
            for (int i = 0; i < t.length; i++) {
                // float64 in, float64 out: the same Java function, so exact.
                assertEquals(sde.a(t[i]), a[i], 0);
                assertEquals(sde.s(t[i]), s[i], 0);
            }
        }
    }

    static Stream<Double> stds() {
        return Stream.of(1.0, 50.0, 80.0, 0.3);
    }

    @ParameterizedTest
    @MethodSource("stds")
    void priorLogDensityIsTheIsotropicGaussian(double std) {
        Prior prior = new Prior(std);
        Rng rng = new Rng(5);
        for (Shape shape : new Shape[] {new Shape(7, 3), new Shape(5, 2, 3, 4)}) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = rng.normal(scope, shape, DataType.FLOAT64).muli(1.3 * std);
                double[] got = prior.logDensity(x).toDoubleArray();
                long b = shape.get(0);
                int d = (int) (shape.size() / b);
                assertEquals(b, got.length, "one value per sample");
                double[] v = x.toDoubleArray();
                for (int i = 0; i < b; i++) {
                    double sq = 0;
                    for (int j = 0; j < d; j++) {
                        sq += v[i * d + j] * v[i * d + j];
                    }
                    double expected = -sq / (2 * std * std) - 0.5 * d * Math.log(2 * Math.PI * std * std);
                    // float64 sums of <= 24 terms: round-off ~1e-15 of the value.
                    assertEquals(expected, got[i], 1e-12 * Math.abs(expected), shape + " sample " + i);
                }
                // The same in float32 to float32 round-off (~1e-7 relative, 10x margin).
                double[] got32 = prior.logDensity(x.toType(DataType.FLOAT32, false)).toType(DataType.FLOAT64, false)
                        .toDoubleArray();
                for (int i = 0; i < b; i++) {
                    assertEquals(got[i], got32[i], 1e-6 * Math.abs(got[i]) + 1e-5, "float32 sample " + i);
                }
            }
        }
    }

    @Test
    void priorLogDensityAtZeroIsTheNormaliser() {
        // log N(0; 0, std^2 I_D) = -D/2 log(2 pi std^2): catches a wrong log-det term in isolation.
        try (NDManager scope = manager.newSubManager()) {
            NDArray zero = scope.zeros(new Shape(2, 3, 4, 4), DataType.FLOAT64);
            double got = new Prior(50).logDensity(zero).toDoubleArray()[1];
            assertEquals(-24 * (LOG_2PI + 2 * Math.log(50)), got, 1e-12 * Math.abs(got));
        }
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void priorSamplesHaveThePriorStd(Sde sde) {
        Prior prior = sde.prior();
        double std = prior.std();
        Shape shape = new Shape(2000, 4, 2, 2); // n = 32,000 scalar draws
        int n = (int) shape.size();
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = prior.sample(scope, shape, DataType.FLOAT64, new Rng(11));
            assertEquals(shape, x.getShape());
            double[] v = x.toDoubleArray();
            double sum = 0;
            double sumSq = 0;
            for (double value : v) {
                sum += value;
                sumSq += value * value;
            }
            double mean = sum / n;
            double sd = Math.sqrt(sumSq / n - mean * mean);
            // SE of the mean is std / sqrt(n) = 0.0056 std; 4.5 SE.
            assertEquals(0, mean, 4.5 * std / Math.sqrt(n), sde.name() + " mean");
            // SE of the sample sd of a Gaussian is std / sqrt(2n) = 0.004 std; 4.5 SE (= 1.8%), so
            // a sqrt or square of the std (50 vs 7.1 or 2500) or a forgotten scale fails by far.
            assertEquals(std, sd, 4.5 * std / Math.sqrt(2.0 * n), sde.name() + " std");
        }
    }

    private static double sq(double x) {
        return x * x;
    }
}
