package io.github.scoresde.sample.ode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The adaptive Dormand–Prince 5(4) method (J. R. Dormand and P. J. Prince, "A family of embedded
 * Runge-Kutta formulae", J. Comput. Appl. Math. 6, 19-26, 1980), the {@code RK45} of scipy's
 * {@code solve_ivp} and the {@code dopri5} of torchdiffeq, with the standard step-size control of
 * Hairer, Nørsett and Wanner, "Solving Ordinary Differential Equations I", 2nd ed., section II.4.
 *
 * <p>The step advances with the fifth-order solution (local extrapolation); the difference to the
 * embedded fourth-order solution, scaled by {@code atol + rtol * max(|x_i|, |xNew_i|)} and reduced
 * over the whole batch with the {@link ErrorNorm}, is the error {@code err}. A step is accepted
 * when {@code err <= 1}; the next step is {@code h * min(10, max(0.2, 0.9 * err^(-1/5)))}, with no
 * growth right after a rejection. The last stage is the first stage of the next step (FSAL), and
 * the last step is clipped to land exactly on {@code t1}. The first step is {@link
 * Tolerances#initialStep()} or, when that is 0, Hairer's starting-step heuristic (II.4).
 *
 * <p>Evaluations: 1 for the first stage, 1 more for the automatic first step, and 6 per attempted
 * (accepted or rejected) step. Each attempted step runs in its own sub-manager, closed after the
 * step; only the state and the FSAL stage outlive it. Immutable and thread-safe.
 */
public final class DormandPrince45 implements OdeSolver {
    static final double SAFETY = 0.9;
    static final double MIN_FACTOR = 0.2;
    static final double MAX_FACTOR = 10;

    private static final ButcherTableau TABLEAU = ButcherTableau.DOPRI5;
    /** Exponent of the step-size control, {@code 1 / (q + 1)} with {@code q = 4}. */
    private static final double EXPONENT = 1.0 / 5;

    private final Tolerances tol;
    private final ErrorNorm norm;

    /**
     * @param tol tolerances, first step and evaluation budget
     * @param norm how the scaled error is reduced over the batch
     */
    public DormandPrince45(Tolerances tol, ErrorNorm norm) {
        if (tol == null || norm == null) {
            throw new IllegalArgumentException("tolerances and norm must not be null");
        }
        this.tol = tol;
        this.norm = norm;
    }

    /** With {@link ErrorNorm#RMS}. */
    public DormandPrince45(Tolerances tol) {
        this(tol, ErrorNorm.RMS);
    }

    /** The tolerances. */
    public Tolerances tolerances() {
        return tol;
    }

    /** The error norm. */
    public ErrorNorm norm() {
        return norm;
    }

    @Override
    public OdeSolution solve(
            VectorField f, NDArray x0, double t0, double t1, OdeObserver observer) {
        RungeKutta.checkArguments(f, x0, t0, t1);
        OdeObserver obs = observer == null ? OdeObserver.NONE : observer;
        if (t0 == t1) {
            return new OdeSolution(x0.duplicate(), t1, 0, 0, 0);
        }
        RungeKutta.CountingField counted = new RungeKutta.CountingField(f);
        int stages = TABLEAU.stages();
        double direction = Math.signum(t1 - t0);
        double interval = Math.abs(t1 - t0);
        NDManager home = x0.getManager();
        int accepted = 0;
        int rejected = 0;
        try (NDManager solveScope = home.newSubManager()) {
            NDArray x = x0;
            NDArray k1;
            double hAbs;
            budget(counted, tol.initialStep() > 0 ? 1 : 2, t0, t1, t0, 0, 0);
            try (NDManager scope = solveScope.newSubManager()) {
                RungeKutta.lend(scope, x0);
                k1 = counted.at(x0, t0);
                hAbs =
                        tol.initialStep() > 0
                                ? Math.min(tol.initialStep(), interval)
                                : initialStep(counted, x0, k1, t0, direction, interval);
                k1.attach(solveScope);
            }
            double t = t0;
            boolean justRejected = false;
            double lastErr = Double.NaN;
            while (direction * (t1 - t) > 0) {
                // Steps below ~1e-15 of the interval (or of |t|) cannot change t meaningfully.
                double minStep = 10 * Math.ulp(Math.max(Math.abs(t), interval));
                if (!(hAbs >= minStep)) {
                    throw new IllegalStateException(
                            String.format(
                                    "ODE solver step size underflow at t=%s (h=%s, last error"
                                            + " estimate %s) while integrating from t=%s to"
                                            + " t=%s; the solution is probably singular or stiff"
                                            + " there, or the model returns NaN/Inf beyond t",
                                    t, hAbs, accepted + rejected == 0 ? "n/a" : lastErr, t0, t1));
                }
                budget(counted, stages - 1, t0, t1, t, accepted, rejected);
                double tEnd = t + direction * hAbs;
                if (direction * (tEnd - t1) >= 0) {
                    tEnd = t1;
                }
                double h = tEnd - t;
                double err;
                NDArray xNew = null;
                NDArray kLast = null;
                try (NDManager scope = solveScope.newSubManager()) {
                    RungeKutta.lend(scope, x, k1);
                    NDArray[] k = new NDArray[stages];
                    k[0] = k1;
                    NDArray candidate =
                            RungeKutta.step(TABLEAU, counted, x, t, h, tEnd, k, true);
                    err = scaledError(x, candidate, k, h);
                    if (Double.isNaN(err)) {
                        checkFinite(x, k1, t, t0, t1);
                    }
                    if (err <= 1) {
                        xNew = candidate;
                        kLast = k[stages - 1];
                        xNew.attach(solveScope);
                        kLast.attach(solveScope);
                    }
                }
                lastErr = err;
                double factor = factor(err);
                if (xNew != null) {
                    if (justRejected) {
                        factor = Math.min(1, factor);
                    }
                    RungeKutta.closeUnless(x, x0, xNew, kLast);
                    if (k1 != x) {
                        RungeKutta.closeUnless(k1, x0, xNew, kLast);
                    }
                    x = xNew;
                    k1 = kLast;
                    t = tEnd;
                    accepted++;
                    justRejected = false;
                    RungeKutta.observe(obs, solveScope, t, x);
                } else {
                    rejected++;
                    justRejected = true;
                }
                // After the clipped last step hAbs is irrelevant; otherwise scale the step taken.
                hAbs = Math.abs(h) * factor;
            }
            x.attach(home);
            return new OdeSolution(x, t1, counted.count(), accepted, rejected);
        }
    }

    /** {@code min(MAX, max(MIN, SAFETY * err^(-1/5)))}; NaN errors shrink by {@code MIN}. */
    static double factor(double err) {
        if (err == 0) {
            return MAX_FACTOR;
        }
        if (Double.isNaN(err)) {
            return MIN_FACTOR;
        }
        return Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY * Math.pow(err, -EXPONENT)));
    }

    /** The norm of the local error estimate, scaled by {@code atol + rtol * max(|x|, |xNew|)}. */
    private double scaledError(NDArray x, NDArray xNew, NDArray[] k, double h) {
        NDArray e = RungeKutta.combine(null, k, TABLEAU.errorWeights(), h);
        NDArray scale = x.abs();
        NDArray other = xNew.abs();
        NDArray maxAbs = scale.maximum(other);
        scale.close();
        other.close();
        e.divi(maxAbs.muli(tol.rtol()).addi(tol.atol()));
        maxAbs.close();
        return norm.reduce(e);
    }

    /**
     * Hairer's starting step (Solving ODEs I, II.4; scipy's {@code select_initial_step}): a step
     * with {@code h * |f| ~ 0.01 |x|}, refined by a second-derivative estimate from one Euler
     * step. All arrays land in {@code x0}'s current (scope) manager.
     */
    private double initialStep(
            VectorField f, NDArray x0, NDArray f0, double t0, double direction, double interval) {
        NDArray scale = x0.abs().muli(tol.rtol()).addi(tol.atol());
        double d0 = norm.reduce(x0.div(scale));
        double d1 = norm.reduce(f0.div(scale));
        if (!Double.isFinite(d0) || !Double.isFinite(d1)) {
            // Non-finite state or field: take a tiny step and let the step loop report it.
            return Math.min(1e-6, interval);
        }
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, interval);
        NDArray x1 = f0.mul(direction * h0).addi(x0);
        NDArray f1 = f.at(x1, t0 + direction * h0);
        double d2 = norm.reduce(f1.sub(f0).divi(scale)) / h0;
        double h1 =
                (d1 <= 1e-15 && d2 <= 1e-15)
                        ? Math.max(1e-6, h0 * 1e-3)
                        : Math.pow(0.01 / Math.max(d1, d2), EXPONENT);
        double h = Math.min(Math.min(100 * h0, h1), interval);
        return Double.isNaN(h) ? h0 : h;
    }

    private void budget(
            RungeKutta.CountingField counted,
            int needed,
            double t0,
            double t1,
            double t,
            int accepted,
            int rejected) {
        if ((long) counted.count() + needed > tol.maxEvaluations()) {
            throw new IllegalStateException(
                    String.format(
                            "ODE solver exceeded %d evaluations between t=%s and t=%s (reached"
                                    + " t=%s after %d accepted and %d rejected steps); loosen"
                                    + " rtol/atol or check the model",
                            tol.maxEvaluations(), t0, t1, t, accepted, rejected));
        }
    }

    private static void checkFinite(NDArray x, NDArray k1, double t, double t0, double t1) {
        if (!finite(x)) {
            throw new IllegalStateException(
                    "ODE state became non-finite (NaN/Inf) at t=" + t + " while integrating from t="
                            + t0 + " to t=" + t1);
        }
        if (!finite(k1)) {
            throw new IllegalStateException(
                    "ODE vector field returned non-finite values (NaN/Inf) at t=" + t
                            + " while integrating from t=" + t0 + " to t=" + t1
                            + "; check the model");
        }
    }

    private static boolean finite(NDArray a) {
        NDArray bad = a.isNaN().logicalOr(a.isInfinite()).any();
        return !bad.getBoolean();
    }

    @Override
    public String toString() {
        return "DormandPrince45[" + tol + ", norm=" + norm + "]";
    }
}
