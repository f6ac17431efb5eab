package io.github.scoresde.sde;

/**
 * Sub-variance-preserving SDE: f = -beta(t)/2, g^2 = beta(t) (1 - exp(4 m(t))), a(t) = exp(m(t)),
 * s(t) = 1 - exp(2 m(t)) (no square root), prior N(0, I) (Song et al. 2021, eq. 34). Its variance
 * stays below the VP one at every t, which gave the paper's best likelihoods.
 *
 * @param betaMin beta(0) (default 0.1)
 * @param betaMax beta(1) (default 20)
 */
public record SubVpSde(double betaMin, double betaMax) implements Sde {
    /** Validates 0 < betaMin <= betaMax. */
    public SubVpSde {
        VpSde.checkBetas(betaMin, betaMax);
    }

    /** The SPEC defaults bmin = 0.1, bmax = 20. */
    public SubVpSde() {
        this(0.1, 20);
    }

    @Override
    public String name() {
        return "subvp";
    }

    @Override
    public double tMax() {
        return 1;
    }

    @Override
    public double eps() {
        return 1e-3;
    }

    private double beta(double t) {
        return VpSde.linearBeta(t, betaMin, betaMax);
    }

    @Override
    public double f(double t) {
        return -0.5 * beta(t);
    }

    @Override
    public double g2(double t) {
        return beta(t) * -Math.expm1(4 * VpSde.logMean(t, betaMin, betaMax));
    }

    @Override
    public double a(double t) {
        return Math.exp(VpSde.logMean(t, betaMin, betaMax));
    }

    @Override
    public double s(double t) {
        return -Math.expm1(2 * VpSde.logMean(t, betaMin, betaMax));
    }

    @Override
    public Prior prior() {
        return new Prior(1);
    }

    @Override
    public Discretization discretize(int n) {
        return new EulerDiscretization(this, n);
    }
}
