package io.github.scoresde.sde;

import java.util.Optional;

/**
 * The Euler–Maruyama step of an SDE with dt = T / N (F = f(t) x dt, G = g(t) sqrt(dt)); used by
 * the families that have no classic discrete chain (sub-VP, EDM). Defines no ancestral rule.
 */
public final class EulerDiscretization implements Discretization {
    private final Sde sde;
    private final int steps;

    /** The N-step Euler chain of {@code sde}. */
    public EulerDiscretization(Sde sde, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.sde = sde;
        this.steps = steps;
    }

    @Override
    public int steps() {
        return steps;
    }

    private double dt() {
        return sde.tMax() / steps;
    }

    @Override
    public ForwardStep forwardStep(double t) {
        return new ForwardStep(sde.f(t) * dt(), Math.sqrt(sde.g2(t) * dt()));
    }

    @Override
    public double langevinAlpha(double t) {
        double ratio = sde.a(t) / sde.a(Math.max(0, t - dt()));
        return ratio * ratio;
    }

    @Override
    public Optional<AncestralStep> ancestral(double t) {
        return Optional.empty();
    }
}
