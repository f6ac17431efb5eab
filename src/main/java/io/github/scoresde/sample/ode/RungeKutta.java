package io.github.scoresde.sample.ode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The explicit Runge–Kutta stage loop shared by all solvers of this package, and small helpers
 * for their memory scoping.
 *
 * <p>All arrays created here land in the manager of {@code x} and of the stages, i.e. in the
 * caller's per-step scope: every operation is led by an array owned by that scope.
 */
final class RungeKutta {
    private RungeKutta() {}

    /** A vector field that counts its evaluations, so that the reported nfe is exact. */
    static final class CountingField implements VectorField {
        private final VectorField f;
        private int count;

        CountingField(VectorField f) {
            if (f == null) {
                throw new IllegalArgumentException("vector field must not be null");
            }
            this.f = f;
        }

        @Override
        public NDArray at(NDArray x, double t) {
            count++;
            return f.at(x, t);
        }

        int count() {
            return count;
        }
    }

    /**
     * Runs the stages of one step of size {@code h} from {@code (t, x)} and returns the new state.
     *
     * @param k stage values, length {@code stages}; {@code k[0]} may hold {@code f(x, t)} already
     *     (FSAL reuse), otherwise it is evaluated; the other entries are filled
     * @param tEnd {@code t + h}, passed exactly so that stages with {@code c = 1} land on it
     * @param evaluateFsalStage for an FSAL tableau: whether to evaluate its last stage {@code
     *     f(xNew, tEnd)} into {@code k[s-1]} (needed for the error estimate and the next step);
     *     the solution itself never needs it since {@code b[s-1] = 0}
     */
    static NDArray step(
            ButcherTableau tab,
            VectorField f,
            NDArray x,
            double t,
            double h,
            double tEnd,
            NDArray[] k,
            boolean evaluateFsalStage) {
        int s = tab.stages();
        if (k[0] == null) {
            k[0] = f.at(x, t);
        }
        // For an FSAL tableau the last stage's argument is the new state itself.
        int inner = tab.fsal() ? s - 1 : s;
        for (int i = 1; i < inner; i++) {
            NDArray xi = combine(x, k, tab.aRow(i), h);
            double ci = tab.cAt(i);
            k[i] = f.at(xi, ci == 1 ? tEnd : t + ci * h);
            if (xi != x && xi != k[i]) {
                xi.close();
            }
        }
        NDArray xNew = combine(x, k, tab.weights(), h);
        if (tab.fsal() && evaluateFsalStage) {
            k[s - 1] = f.at(xNew, tEnd);
        }
        return xNew;
    }

    /**
     * {@code base + h * sum_j coeffs[j] k[j]} (or without {@code base} when it is null), skipping
     * zero coefficients; returns {@code base} itself if all coefficients are zero. The result is
     * owned by the manager of the first stage used.
     *
     * <p>Evaluated in Horner form with in-place operations, {@code ((k_1 c_1/c_2 + k_2) c_2/c_3 +
     * k_3) ... c_n h + base}, so that the whole combination allocates a single array: for image
     * batches each extra allocation of a state-sized temporary costs more than the arithmetic.
     */
    static NDArray combine(NDArray base, NDArray[] k, double[] coeffs, double h) {
        NDArray acc = null;
        int previous = -1;
        for (int j = 0; j < coeffs.length; j++) {
            if (coeffs[j] == 0) {
                continue;
            }
            if (previous >= 0) {
                double ratio = coeffs[previous] / coeffs[j];
                if (acc == null) {
                    acc = k[previous].mul(ratio);
                } else {
                    acc.muli(ratio);
                }
                acc.addi(k[j]);
            }
            previous = j;
        }
        if (previous < 0) {
            return base;
        }
        double last = coeffs[previous] * h;
        acc = acc == null ? k[previous].mul(last) : acc.muli(last);
        return base == null ? acc : acc.addi(base);
    }

    /** Lends {@code array} to {@code scope} until the scope closes (once per distinct array). */
    static void lend(NDManager scope, NDArray... arrays) {
        for (int i = 0; i < arrays.length; i++) {
            boolean seen = false;
            for (int j = 0; j < i; j++) {
                seen |= arrays[j] == arrays[i];
            }
            if (!seen && arrays[i] != null) {
                arrays[i].tempAttach(scope);
            }
        }
    }

    /** Closes {@code array} unless it is one of {@code keep}. */
    static void closeUnless(NDArray array, NDArray... keep) {
        if (array == null) {
            return;
        }
        for (NDArray kept : keep) {
            if (array == kept) {
                return;
            }
        }
        array.close();
    }

    /** Calls the observer with {@code x} lent to a scope that frees what the observer creates. */
    static void observe(OdeObserver observer, NDManager owner, double t, NDArray x) {
        if (observer == OdeObserver.NONE) {
            return;
        }
        try (NDManager scope = owner.newSubManager()) {
            x.tempAttach(scope);
            observer.onStep(t, x);
        }
    }

    static void checkArguments(VectorField f, NDArray x0, double t0, double t1) {
        if (f == null || x0 == null) {
            throw new IllegalArgumentException("vector field and x0 must not be null");
        }
        if (!Double.isFinite(t0) || !Double.isFinite(t1)) {
            throw new IllegalArgumentException(
                    "t0 and t1 must be finite, got t0=" + t0 + ", t1=" + t1);
        }
    }
}
