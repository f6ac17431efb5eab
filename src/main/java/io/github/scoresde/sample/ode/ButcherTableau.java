package io.github.scoresde.sample.ode;

import java.util.Arrays;

/**
 * The coefficients of an explicit Runge–Kutta method (Hairer, Nørsett and Wanner, "Solving
 * Ordinary Differential Equations I", 2nd ed., section II.1): stage {@code i} is evaluated at
 * {@code t + c[i] h} and {@code x + h sum_{j<i} a[i][j] k_j}, and the step is {@code x + h sum_i
 * b[i] k_i}.
 *
 * <p>{@code a} is strictly lower triangular and stored ragged: row {@code i} has exactly {@code i}
 * entries. {@code bErr} (the difference {@code b - b*} to an embedded lower-order method) is
 * {@code null} for methods used only with fixed steps. {@code fsal} ("first same as last") marks a
 * method whose last stage is evaluated at the new state, {@code c[s-1] = 1} and {@code a[s-1] = b}
 * (so {@code b[s-1] = 0}); that stage is the first stage of the next step.
 *
 * <p>The arrays are copied on construction and on access, so instances are immutable.
 *
 * @param c nodes, one per stage
 * @param a coupling coefficients, row {@code i} of length {@code i}
 * @param b weights of the solution
 * @param bErr {@code b - b*}, weights of the local error estimate, or {@code null}
 * @param order order of the solution {@code b}
 * @param fsal whether the last stage equals the first stage of the next step
 */
public record ButcherTableau(
        double[] c, double[][] a, double[] b, double[] bErr, int order, boolean fsal) {

    /** Forward Euler, order 1, one stage. */
    public static final ButcherTableau EULER =
            new ButcherTableau(new double[] {0}, new double[][] {{}}, new double[] {1}, null, 1,
                    false);

    /** Heun's method (explicit trapezoidal rule), order 2, two stages. */
    public static final ButcherTableau HEUN =
            new ButcherTableau(
                    new double[] {0, 1},
                    new double[][] {{}, {1}},
                    new double[] {0.5, 0.5},
                    null,
                    2,
                    false);

    /** The classic fourth-order Runge–Kutta method (Kutta 1901), four stages. */
    public static final ButcherTableau RK4 =
            new ButcherTableau(
                    new double[] {0, 0.5, 0.5, 1},
                    new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
                    new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
                    null,
                    4,
                    false);

    /**
     * Dormand and Prince's 5(4) pair (J. R. Dormand and P. J. Prince, "A family of embedded
     * Runge-Kutta formulae", J. Comput. Appl. Math. 6, 1980; Hairer et al., Table II.5.2): seven
     * stages, FSAL, {@code b} are the fifth-order weights (local extrapolation) and {@code bErr =
     * b - b*} with {@code b*} the embedded fourth-order weights.
     */
    public static final ButcherTableau DOPRI5;

    static {
        double[] b5 = {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0};
        double[] b4 = {
            5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100,
            1.0 / 40
        };
        double[] err = new double[7];
        for (int i = 0; i < 7; i++) {
            err[i] = b5[i] - b4[i];
        }
        DOPRI5 =
                new ButcherTableau(
                        new double[] {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1},
                        new double[][] {
                            {},
                            {1.0 / 5},
                            {3.0 / 40, 9.0 / 40},
                            {44.0 / 45, -56.0 / 15, 32.0 / 9},
                            {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
                            {
                                9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176,
                                -5103.0 / 18656
                            },
                            Arrays.copyOf(b5, 6)
                        },
                        b5,
                        err,
                        5,
                        true);
    }

    /** Validates the shapes and the FSAL property and copies the arrays. */
    public ButcherTableau {
        if (c == null || a == null || b == null) {
            throw new IllegalArgumentException("c, a and b must not be null");
        }
        int s = c.length;
        if (s < 1) {
            throw new IllegalArgumentException("a tableau needs at least one stage");
        }
        if (a.length != s || b.length != s || (bErr != null && bErr.length != s)) {
            throw new IllegalArgumentException(
                    "c, a, b (and bErr) must all have one entry per stage (" + s + ")");
        }
        double[][] aCopy = new double[s][];
        for (int i = 0; i < s; i++) {
            if (a[i] == null || a[i].length != i) {
                throw new IllegalArgumentException(
                        "a must be strictly lower triangular and ragged: row "
                                + i
                                + " needs "
                                + i
                                + " entries");
            }
            aCopy[i] = a[i].clone();
        }
        if (order < 1) {
            throw new IllegalArgumentException("order must be >= 1, got " + order);
        }
        if (fsal) {
            boolean ok = c[s - 1] == 1 && b[s - 1] == 0;
            for (int j = 0; ok && j < s - 1; j++) {
                ok = a[s - 1][j] == b[j];
            }
            if (!ok) {
                throw new IllegalArgumentException(
                        "an FSAL tableau needs c[s-1] = 1, a[s-1] = b and b[s-1] = 0");
            }
        }
        c = c.clone();
        a = aCopy;
        b = b.clone();
        bErr = bErr == null ? null : bErr.clone();
    }

    /** The number of stages. */
    public int stages() {
        return c.length;
    }

    /** Whether the tableau has an embedded error estimate (usable for adaptive steps). */
    public boolean embedded() {
        return bErr != null;
    }

    @Override
    public double[] c() {
        return c.clone();
    }

    @Override
    public double[][] a() {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }

    @Override
    public double[] b() {
        return b.clone();
    }

    @Override
    public double[] bErr() {
        return bErr == null ? null : bErr.clone();
    }

    // Package-private views without copies, for the stage loop.
    double cAt(int i) {
        return c[i];
    }

    double[] aRow(int i) {
        return a[i];
    }

    double[] weights() {
        return b;
    }

    double[] errorWeights() {
        return bErr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ButcherTableau t
                && Arrays.equals(c, t.c)
                && Arrays.deepEquals(a, t.a)
                && Arrays.equals(b, t.b)
                && Arrays.equals(bErr, t.bErr)
                && order == t.order
                && fsal == t.fsal;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(c) + Arrays.deepHashCode(a)) + Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        return "ButcherTableau[stages="
                + c.length
                + ", order="
                + order
                + ", embedded="
                + (bErr != null)
                + ", fsal="
                + fsal
                + ", c="
                + Arrays.toString(c)
                + ", b="
                + Arrays.toString(b)
                + "]";
    }
}
