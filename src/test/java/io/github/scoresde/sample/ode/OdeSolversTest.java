package io.github.scoresde.sample.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OdeSolversTest {
    private static NDManager base;

    @BeforeAll
    static void open() {
        base = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        base.close();
    }

    /** dx/dt = (-1 - t) x, exact x(t1) = x(t0) exp(-((t1 - t0) + (t1^2 - t0^2) / 2)). */
    private static final VectorField LINEAR = (x, t) -> x.mul(-1 - t);

    private static double linearFactor(double t0, double t1) {
        return Math.exp(-((t1 - t0) + (t1 * t1 - t0 * t0) / 2));
    }

    /** A fixed [4, 3] batch with entries of both signs and magnitudes 0.1 .. 2.3. */
    private static double[] batchValues() {
        double[] v = new double[12];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 2 == 0 ? 1 : -1) * (0.1 + 0.2 * i);
        }
        return v;
    }

    private static NDArray batch(NDManager m) {
        return m.create(batchValues(), new Shape(4, 3));
    }

    /** max_i |x_i - exact_i| / max_i |exact_i| for the linear ODE from 0 to t1. */
    private static double linearError(OdeSolution sol, double t0, double t1) {
        double[] got = sol.x().toType(DataType.FLOAT64, false).toDoubleArray();
        double[] x0 = batchValues();
        double factor = linearFactor(t0, t1);
        double err = 0;
        double scale = 0;
        for (int i = 0; i < x0.length; i++) {
            err = Math.max(err, Math.abs(got[i] - x0[i] * factor));
            scale = Math.max(scale, Math.abs(x0[i] * factor));
        }
        return err / scale;
    }

    private static double observedOrder(ButcherTableau tab, int steps) {
        try (NDManager m = base.newSubManager()) {
            NDArray x0 = batch(m);
            double e1 = linearError(new FixedStepRungeKutta(tab, steps).solve(LINEAR, x0, 0, 1), 0, 1);
            double e2 =
                    linearError(
                            new FixedStepRungeKutta(tab, 2 * steps).solve(LINEAR, x0, 0, 1), 0, 1);
            return Math.log(e1 / e2) / Math.log(2);
        }
    }

    @Test
    void fixedStepMethodsConvergeWithTheirOrder() {
        // Halving h divides the global error by 2^p up to O(h) corrections; at these step
        // counts the observed orders are 1.002 / 2.008 / 4.04 (measured once), so a
        // +-0.15 band separates them clearly without being fragile.
        assertEquals(1, observedOrder(ButcherTableau.EULER, 200), 0.15);
        assertEquals(2, observedOrder(ButcherTableau.HEUN, 100), 0.15);
        assertEquals(4, observedOrder(ButcherTableau.RK4, 20), 0.15);
    }

    @Test
    void fixedStepCountsEvaluationsExactly() {
        ButcherTableau[] tabs = {
            ButcherTableau.EULER, ButcherTableau.HEUN, ButcherTableau.RK4, ButcherTableau.DOPRI5
        };
        for (ButcherTableau tab : tabs) {
            try (NDManager m = base.newSubManager()) {
                int[] calls = {0};
                VectorField counted =
                        (x, t) -> {
                            calls[0]++;
                            return LINEAR.at(x, t);
                        };
                OdeSolution sol = new FixedStepRungeKutta(tab, 7).solve(counted, batch(m), 0, 1);
                int perStep = tab.fsal() ? tab.stages() - 1 : tab.stages();
                assertEquals(perStep * 7, sol.nfe(), tab.toString());
                assertEquals(calls[0], sol.nfe());
                assertEquals(7, sol.accepted());
                assertEquals(0, sol.rejected());
                assertEquals(1.0, sol.t());
            }
        }
        // DOPRI5's 5th-order weights as a fixed-step method: 6 evaluations per step, and
        // at 10 steps the error is far below RK4's (order 5 vs 4).
        try (NDManager m = base.newSubManager()) {
            double e5 =
                    linearError(
                            new FixedStepRungeKutta(ButcherTableau.DOPRI5, 10)
                                    .solve(LINEAR, batch(m), 0, 1),
                            0,
                            1);
            assertTrue(e5 < 1e-7, "dopri5 fixed error " + e5);
        }
    }

    @Test
    void dormandPrinceHitsExactSolutionAndCountsEvaluations() {
        try (NDManager m = base.newSubManager()) {
            NDArray x0 = batch(m);
            double[] before = x0.toDoubleArray();
            int[] calls = {0};
            VectorField counted =
                    (x, t) -> {
                        calls[0]++;
                        return LINEAR.at(x, t);
                    };
            List<Double> times = new ArrayList<>();
            OdeSolution sol =
                    new DormandPrince45(Tolerances.of(1e-8, 1e-8), ErrorNorm.RMS)
                            .solve(counted, x0, 0, 1, (t, x) -> times.add(t));
            // At rtol = atol = 1e-8 the global error of this smooth problem is ~1e-8; 1e-6
            // leaves two orders of magnitude for error accumulation over the steps.
            assertTrue(linearError(sol, 0, 1) < 1e-6, "error " + linearError(sol, 0, 1));
            assertEquals(calls[0], sol.nfe());
            // 1 first stage + 1 for the automatic first step + 6 per attempted step.
            assertEquals(2 + 6 * (sol.accepted() + sol.rejected()), sol.nfe());
            assertEquals(sol.accepted(), times.size());
            assertEquals(1.0, times.get(times.size() - 1)); // lands exactly on t1
            for (int i = 1; i < times.size(); i++) {
                assertTrue(times.get(i) > times.get(i - 1));
            }
            assertEquals(1.0, sol.t());
            assertEquals(DataType.FLOAT64, sol.x().getDataType());
            assertEquals(new Shape(4, 3), sol.x().getShape());
            assertTrue(sol.x().getManager() == m, "result owned by x0's manager");
            assertArrayEquals(before, x0.toDoubleArray(), 0.0, "x0 unchanged");
            // Reference: scipy 1.17 solve_ivp(f, (0, 1), x0.ravel(), method="RK45",
            // rtol=1e-8, atol=1e-8) uses the same starting step, control and RMS norm:
            // nfev 92 = 1 + 1 + 6 * 15 attempts, 13 accepted, relative error 1.63e-8.
            assertEquals(92, sol.nfe());
            assertEquals(13, sol.accepted());
            assertEquals(2, sol.rejected());
            assertEquals(1.63e-8, linearError(sol, 0, 1), 0.01e-8);
        }
    }

    @Test
    void dormandPrinceWithGivenFirstStepSavesOneEvaluation() {
        try (NDManager m = base.newSubManager()) {
            int[] calls = {0};
            VectorField counted =
                    (x, t) -> {
                        calls[0]++;
                        return LINEAR.at(x, t);
                    };
            OdeSolution sol =
                    new DormandPrince45(new Tolerances(1e-6, 1e-6, 0.01, 10_000), ErrorNorm.MAX)
                            .solve(counted, batch(m), 0, 1);
            assertEquals(calls[0], sol.nfe());
            assertEquals(1 + 6 * (sol.accepted() + sol.rejected()), sol.nfe());
            assertTrue(linearError(sol, 0, 1) < 1e-4);
        }
    }

    @Test
    void dormandPrinceErrorDecreasesWithTolerance() {
        double previous = Double.POSITIVE_INFINITY;
        int previousNfe = 0;
        for (double tol : new double[] {1e-3, 1e-5, 1e-7, 1e-9}) {
            try (NDManager m = base.newSubManager()) {
                OdeSolution sol =
                        new DormandPrince45(Tolerances.of(tol, tol)).solve(LINEAR, batch(m), 0, 2);
                double err = linearError(sol, 0, 2);
                assertTrue(err < previous, "tol " + tol + ": " + err + " !< " + previous);
                assertTrue(err < 100 * tol, "tol " + tol + ": error " + err);
                assertTrue(sol.nfe() > previousNfe);
                previous = err;
                previousNfe = sol.nfe();
            }
        }
    }

    @Test
    void backwardIntegrationInvertsForward() {
        try (NDManager m = base.newSubManager()) {
            NDArray x0 = batch(m);
            DormandPrince45 solver = new DormandPrince45(Tolerances.of(1e-9, 1e-9));
            OdeSolution fwd = solver.solve(LINEAR, x0, 0.25, 1.5);
            assertTrue(linearError(fwd, 0.25, 1.5) < 1e-7);
            OdeSolution back = solver.solve(LINEAR, fwd.x(), 1.5, 0.25);
            assertEquals(0.25, back.t());
            // Each direction is accurate to ~1e-9 relative; backward the solution grows by
            // exp(2.03), so 1e-7 relative to max|x0| is a comfortable bound.
            assertArrayEquals(x0.toDoubleArray(), back.x().toDoubleArray(), 1e-7 * 2.3);
            // Fixed-step backward with RK4 too.
            FixedStepRungeKutta rk4 = new FixedStepRungeKutta(ButcherTableau.RK4, 200);
            OdeSolution f2 = rk4.solve(LINEAR, x0, 0.25, 1.5);
            OdeSolution b2 = rk4.solve(LINEAR, f2.x(), 1.5, 0.25);
            assertArrayEquals(x0.toDoubleArray(), b2.x().toDoubleArray(), 1e-8);
        }
    }

    @Test
    void rotationKeepsTheNorm() {
        try (NDManager m = base.newSubManager()) {
            // dx/dt = A x with A = [[0, -1], [1, 0]]; rows are states, so f(x) = x A^T.
            NDArray aT = m.create(new double[] {0, 1, -1, 0}, new Shape(2, 2));
            VectorField rot = (x, t) -> x.matMul(aT);
            NDArray x0 = m.create(new double[] {1, 0, 0, 2, 3, -4}, new Shape(3, 2));
            double tEnd = 10;
            OdeSolution sol = new DormandPrince45(Tolerances.of(1e-9, 1e-9)).solve(rot, x0, 0, tEnd);
            double[] x = sol.x().toDoubleArray();
            double[] v = x0.toDoubleArray();
            double c = Math.cos(tEnd);
            double s = Math.sin(tEnd);
            for (int i = 0; i < 3; i++) {
                double n0 = Math.hypot(v[2 * i], v[2 * i + 1]);
                double n1 = Math.hypot(x[2 * i], x[2 * i + 1]);
                // ~1e-9 per unit time of local error over 1.6 revolutions: 1e-7 relative.
                assertEquals(n0, n1, 1e-7 * n0);
                assertEquals(c * v[2 * i] - s * v[2 * i + 1], x[2 * i], 1e-7 * n0);
                assertEquals(s * v[2 * i] + c * v[2 * i + 1], x[2 * i + 1], 1e-7 * n0);
            }
        }
    }

    @Test
    void exceedingTheEvaluationBudgetFailsClearly() {
        try (NDManager m = base.newSubManager()) {
            NDArray x0 = batch(m);
            int before = m.getManagedArrays().size();
            DormandPrince45 solver =
                    new DormandPrince45(new Tolerances(1e-12, 1e-12, 0, 50), ErrorNorm.RMS);
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> solver.solve(LINEAR, x0, 0, 1));
            assertTrue(e.getMessage().contains("exceeded 50 evaluations"), e.getMessage());
            assertTrue(e.getMessage().contains("between t=0.0 and t=1.0"), e.getMessage());
            assertTrue(e.getMessage().contains("loosen rtol/atol"), e.getMessage());
            // Nothing leaked, x0 still usable.
            assertEquals(before, m.getManagedArrays().size());
            assertEquals(12, x0.toDoubleArray().length);
        }
    }

    @Test
    void nonFiniteStateFailsClearly() {
        try (NDManager m = base.newSubManager()) {
            DormandPrince45 solver = new DormandPrince45(Tolerances.of(1e-6, 1e-6));
            VectorField nanField = (x, t) -> x.mul(Double.NaN);
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> solver.solve(nanField, batch(m), 0, 1));
            assertTrue(e.getMessage().contains("vector field returned non-finite"), e.getMessage());
            // A field that is finite up to t = 0.5 and NaN beyond: steps shrink until they
            // underflow at t = 0.5, and the message says why.
            VectorField wall = (x, t) -> t > 0.5 ? x.mul(Double.NaN) : x.mul(-1.0);
            e = assertThrows(IllegalStateException.class, () -> solver.solve(wall, batch(m), 0, 1));
            assertTrue(e.getMessage().contains("step size underflow at t=0.49999"), e.getMessage());
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
            NDArray nan = m.create(new double[] {1, Double.NaN}, new Shape(1, 2));
            IllegalStateException e2 =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    new DormandPrince45(Tolerances.of(1e-6, 1e-6))
                                            .solve(LINEAR, nan, 0, 1));
            assertTrue(e2.getMessage().contains("non-finite"), e2.getMessage());
        }
    }

    @Test
    void badSettingsNameTheField() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Tolerances.of(-1, 1e-6));
        assertEquals("rtol must be > 0, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tolerances.of(1e-6, 0));
        assertEquals("atol must be > 0, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tolerances.of(Double.NaN, 1e-6));
        assertTrue(e.getMessage().startsWith("rtol"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Tolerances.of(1e-6, Double.POSITIVE_INFINITY));
        assertEquals("atol must be finite, got Infinity", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class, () -> new Tolerances(1e-6, 1e-6, 0, 0));
        assertEquals("maxEvaluations must be > 0, got 0", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Tolerances(1e-6, 1e-6, -0.5, 10));
        assertTrue(e.getMessage().startsWith("initialStep"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new FixedStepRungeKutta(ButcherTableau.RK4, 0));
        assertEquals("steps must be > 0, got 0", e.getMessage());
    }

    @Test
    void tableauxAreConsistent() {
        ButcherTableau[] tabs = {
            ButcherTableau.EULER, ButcherTableau.HEUN, ButcherTableau.RK4, ButcherTableau.DOPRI5
        };
        for (ButcherTableau tab : tabs) {
            double sumB = 0;
            for (double w : tab.b()) {
                sumB += w;
            }
            assertEquals(1, sumB, 1e-15, tab.toString());
            for (int i = 0; i < tab.stages(); i++) {
                double row = 0;
                for (double w : tab.a()[i]) {
                    row += w;
                }
                assertEquals(tab.c()[i], row, 1e-14, tab + " row " + i);
            }
        }
        double sumErr = 0;
        for (double w : ButcherTableau.DOPRI5.bErr()) {
            sumErr += w;
        }
        assertEquals(0, sumErr, 1e-15); // both weight sets sum to 1
        assertEquals(71.0 / 57600, ButcherTableau.DOPRI5.bErr()[0], 1e-17);
        // Accessors copy: mutation cannot corrupt the constants.
        ButcherTableau.RK4.b()[0] = 99;
        assertEquals(1.0 / 6, ButcherTableau.RK4.b()[0]);
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new ButcherTableau(
                                new double[] {0, 1},
                                new double[][] {{}, {1}},
                                new double[] {0.5, 0.5},
                                null,
                                2,
                                true));
    }

    @Test
    void float32StaysFloat32AndImageShapesWork() {
        try (NDManager m = base.newSubManager()) {
            NDArray x0 = batch(m).toType(DataType.FLOAT32, false);
            OdeSolution a = new DormandPrince45(Tolerances.of(1e-5, 1e-5)).solve(LINEAR, x0, 0, 1);
            OdeSolution b = new FixedStepRungeKutta(ButcherTableau.RK4, 10).solve(LINEAR, x0, 0, 1);
            assertEquals(DataType.FLOAT32, a.x().getDataType());
            assertEquals(DataType.FLOAT32, b.x().getDataType());
            // float32 rounding (~1e-7) plus rtol 1e-5: 1e-4 relative.
            assertTrue(linearError(a, 0, 1) < 1e-4, "error " + linearError(a, 0, 1));
            NDArray img = m.ones(new Shape(2, 3, 4, 4), DataType.FLOAT32);
            OdeSolution c = new DormandPrince45(Tolerances.of(1e-5, 1e-5)).solve(LINEAR, img, 0, 1);
            assertEquals(new Shape(2, 3, 4, 4), c.x().getShape());
            assertEquals(DataType.FLOAT32, c.x().getDataType());
            float[] v = c.x().toFloatArray();
            assertEquals(linearFactor(0, 1), v[v.length - 1], 1e-4);
        }
    }

    @Test
    void zeroLengthIntervalReturnsACopy() {
        try (NDManager m = base.newSubManager()) {
            NDArray x0 = batch(m);
            OdeSolution sol = new DormandPrince45(Tolerances.of(1e-5, 1e-5)).solve(LINEAR, x0, 1, 1);
            assertEquals(0, sol.nfe());
            assertFalse(sol.x() == x0);
            assertArrayEquals(x0.toDoubleArray(), sol.x().toDoubleArray(), 0.0);
        }
    }

    @Test
    void memoryStaysFlatOverThousandsOfSteps() {
        try (NDManager m = base.newSubManager()) {
            NDArray aT = m.create(new double[] {0, 1, -1, 0}, new Shape(2, 2));
            VectorField rot = (x, t) -> x.matMul(aT).mul(1 + 0 * t);
            NDArray x0 = m.randomNormal(new Shape(64, 2), DataType.FLOAT64);
            int baseCount = base.getManagedArrays().size();
            int before = m.getManagedArrays().size();
            int[] minMax = {Integer.MAX_VALUE, 0};
            OdeObserver probe =
                    (t, x) -> {
                        x.mul(2); // an observer's temporaries are freed after the call
                        int n = m.getManagedArrays().size();
                        minMax[0] = Math.min(minMax[0], n);
                        minMax[1] = Math.max(minMax[1], n);
                    };
            OdeSolution fixed =
                    new FixedStepRungeKutta(ButcherTableau.RK4, 2000).solve(rot, x0, 0, 20, probe);
            assertEquals(2000, fixed.accepted());
            // During the solve only a bounded set is alive (state, observer temporaries).
            assertTrue(minMax[1] - minMax[0] <= 2, "grew from " + minMax[0] + " to " + minMax[1]);
            assertEquals(before + 1, m.getManagedArrays().size());

            minMax[0] = Integer.MAX_VALUE;
            minMax[1] = 0;
            // A tight tolerance over many revolutions gives thousands of adaptive steps.
            OdeSolution adaptive =
                    new DormandPrince45(Tolerances.of(1e-12, 1e-12)).solve(rot, x0, 0, 200, probe);
            assertTrue(adaptive.accepted() > 1500, "steps " + adaptive.accepted());
            assertTrue(minMax[1] - minMax[0] <= 2, "grew from " + minMax[0] + " to " + minMax[1]);
            assertEquals(before + 2, m.getManagedArrays().size());
            assertEquals(baseCount + 2, base.getManagedArrays().size());
            fixed.x().close();
            adaptive.x().close();
            assertEquals(before, m.getManagedArrays().size());
        }
    }
}
