package io.github.scoresde.sample;

/**
 * The stochastic part of EDM's sampler (Karras et al. 2022, Alg. 2): at noise levels in
 * [S_tmin, S_tmax] the level is first raised to sigma^ = sigma (1 + gamma) with
 * gamma = min(S_churn / N, sqrt(2) - 1) by adding fresh noise of std S_noise sqrt(sigma^2 - sigma^2).
 *
 * @param sChurn total churn S_churn (>= 0)
 * @param sTmin lowest noise level that is churned (>= 0)
 * @param sTmax highest noise level that is churned (>= sTmin)
 * @param sNoise noise inflation S_noise (> 0; 1 adds exactly the noise of the raised level)
 */
public record Churn(double sChurn, double sTmin, double sTmax, double sNoise) {
    /** No churn: the deterministic sampler. */
    public static final Churn NONE = new Churn(0, 0, Double.POSITIVE_INFINITY, 1);

    /** Validates the ranges. */
    public Churn {
        if (!(sChurn >= 0) || Double.isInfinite(sChurn) || !(sTmin >= 0) || !(sTmax >= sTmin) || !(sNoise > 0)
                || Double.isInfinite(sNoise)) {
            throw new IllegalArgumentException("churn needs S_churn >= 0, 0 <= S_tmin <= S_tmax, S_noise > 0, got " + this);
        }
    }

    /** gamma for noise level {@code sigma} on an N-level grid. */
    double gamma(double sigma, int levels) {
        return sigma >= sTmin && sigma <= sTmax ? Math.min(sChurn / levels, Math.sqrt(2) - 1) : 0;
    }
}
