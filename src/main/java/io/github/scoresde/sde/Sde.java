package io.github.scoresde.sde;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.tensor.Shapes;

/**
 * A linear forward SDE dx = f(t) x dt + g(t) dw (SPEC §1), whose perturbation kernel is
 * x_t | x_0 ~ N(a(t) x_0, s(t)^2 I).
 *
 * <p>Coefficient functions keep the SPEC's symbols. Everything a sampler needs that differs
 * between families (the discrete forward step, ancestral rules) comes from {@link #discretize}, so
 * no sampler ever asks which family it runs on.
 */
public interface Sde {
    /** Short name used in files and on the command line, e.g. "vp". */
    String name();

    /** End time T of the forward process (1, or sigma_max for EDM). */
    double tMax();

    /** Default end time of reverse-time sampling (SPEC §1: 1e-5 VE, 1e-3 VP/sub-VP). */
    double eps();

    /** Drift coefficient f(t) of dx = f(t) x dt + g(t) dw. */
    double f(double t);

    /** Squared diffusion coefficient g(t)^2. */
    double g2(double t);

    /** Mean scale a(t) of the perturbation kernel. */
    double a(double t);

    /** Standard deviation s(t) of the perturbation kernel. */
    double s(double t);

    /** The prior p_T that sampling starts from. */
    Prior prior();

    /** The discrete chain (NCSN, DDPM or Euler) with {@code n} steps that this SDE is the limit of. */
    Discretization discretize(int n);

    /**
     * Drift of the reverse-time SDE dx = [f(t) x - g(t)^2 score] dt + g(t) dw_bar (Anderson 1982),
     * given the score at (x, t); owned by x's manager.
     */
    default NDArray reverseDrift(NDArray x, NDArray score, double t) {
        return x.mul(f(t)).addi(score.mul(-g2(t)));
    }

    /**
     * Drift of the probability-flow ODE dx/dt = f(t) x - g(t)^2 score / 2 (Song et al. 2021,
     * eq. 13), whose marginals equal the SDE's; owned by x's manager. Safe inside a gradient
     * collector (constants through {@link Shapes#scale}): the likelihood differentiates it in x.
     */
    default NDArray probabilityFlowDrift(NDArray x, NDArray score, double t) {
        return Shapes.scale(x, f(t)).addi(Shapes.scale(score, -0.5 * g2(t)));
    }

    /**
     * The time at which the EDM-form noise level s(t) / a(t) equals {@code sigma} (SPEC §2),
     * clamped to [0, T]; sigma(t) increases with t for every family. Bisection by default.
     */
    default double timeOfSigma(double sigma) {
        double lo = 0;
        double hi = tMax();
        if (!(s(hi) / a(hi) > sigma)) {
            return hi;
        }
        for (int i = 0; i < 100 && hi - lo > 1e-12 * tMax(); i++) {
            double mid = 0.5 * (lo + hi);
            if (s(mid) / a(mid) < sigma) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** a(t) per sample for times t [B]; owned by t's manager. */
    default NDArray a(NDArray t) {
        return Shapes.map(t, this::a);
    }

    /** s(t) per sample for times t [B]; owned by t's manager. */
    default NDArray s(NDArray t) {
        return Shapes.map(t, this::s);
    }
}
