package io.github.scoresde.sample.ode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * An explicit Runge–Kutta method with {@code steps} uniform steps from {@code t0} to {@code t1}
 * (Hairer, Nørsett and Wanner, "Solving Ordinary Differential Equations I", section II.1), e.g.
 * with {@link ButcherTableau#EULER}, {@link ButcherTableau#HEUN} or {@link ButcherTableau#RK4}.
 *
 * <p>Evaluations: {@code stages * steps}. For an FSAL tableau such as {@link
 * ButcherTableau#DOPRI5} the last stage only serves the error estimate ({@code b[s-1] = 0}), so it
 * is skipped: {@code (stages - 1) * steps}. Each step runs in its own sub-manager, closed after
 * the step; the result is owned by {@code x0}'s manager. Immutable and thread-safe.
 */
public final class FixedStepRungeKutta implements OdeSolver {
    private final ButcherTableau tableau;
    private final int steps;

    /**
     * @param tableau the method
     * @param steps number of uniform steps, {@code > 0}
     */
    public FixedStepRungeKutta(ButcherTableau tableau, int steps) {
        if (tableau == null) {
            throw new IllegalArgumentException("tableau must not be null");
        }
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be > 0, got " + steps);
        }
        this.tableau = tableau;
        this.steps = steps;
    }

    /** The method. */
    public ButcherTableau tableau() {
        return tableau;
    }

    /** The number of steps. */
    public int steps() {
        return steps;
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
        NDManager home = x0.getManager();
        double h = (t1 - t0) / steps;
        NDArray x = x0;
        try (NDManager solveScope = home.newSubManager()) {
            for (int n = 0; n < steps; n++) {
                double t = t0 + n * h;
                double tEnd = n == steps - 1 ? t1 : t0 + (n + 1) * h;
                NDArray xNew;
                try (NDManager stepScope = solveScope.newSubManager()) {
                    RungeKutta.lend(stepScope, x);
                    NDArray[] k = new NDArray[tableau.stages()];
                    xNew =
                            RungeKutta.step(
                                    tableau, counted, x, t, tEnd - t, tEnd, k, false);
                    xNew.attach(solveScope);
                }
                RungeKutta.closeUnless(x, x0);
                x = xNew;
                RungeKutta.observe(obs, solveScope, tEnd, x);
            }
            x.attach(home);
        }
        return new OdeSolution(x, t1, counted.count(), steps, 0);
    }

    @Override
    public String toString() {
        return "FixedStepRungeKutta[" + tableau + ", steps=" + steps + "]";
    }
}
