package io.github.scoresde.sde;

/**
 * Variance-preserving SDE (DDPM): f = -beta(t)/2, g^2 = beta(t), beta(t) = bmin + t (bmax - bmin),
 * a(t) = exp(m(t)), s(t) = sqrt(1 - exp(2 m(t))), prior N(0, I) (Song et al. 2021, eq. 32-33).
 *
 * @param betaMin beta(0) (default 0.1)
 * @param betaMax beta(1) (default 20)
 */
public record VpSde(double betaMin, double betaMax) implements Sde {
    /** Validates 0 < betaMin <= betaMax. */
    public VpSde {
        checkBetas(betaMin, betaMax);
    }

    /** The SPEC defaults bmin = 0.1, bmax = 20. */
    public VpSde() {
        this(0.1, 20);
    }

    static void checkBetas(double betaMin, double betaMax) {
        if (!(betaMin > 0) || !(betaMax >= betaMin) || Double.isInfinite(betaMax)) {
            throw new IllegalArgumentException(
                    "need 0 < beta-min <= beta-max, got " + betaMin + " and " + betaMax);
        }
    }

    /** m(t) = -t^2 (bmax - bmin)/4 - t bmin/2, so that -2 m(t) integrates beta from 0 to t. */
    static double logMean(double t, double betaMin, double betaMax) {
        return -0.25 * t * t * (betaMax - betaMin) - 0.5 * t * betaMin;
    }

    @Override
    public String name() {
        return "vp";
    }

    @Override
    public double tMax() {
        return 1;
    }

    @Override
    public double eps() {
        return 1e-3;
    }

    /** beta(t). */
    public double beta(double t) {
        return linearBeta(t, betaMin, betaMax);
    }

    /** beta(t) = bmin + t (bmax - bmin), shared with sub-VP. */
    static double linearBeta(double t, double betaMin, double betaMax) {
        return betaMin + t * (betaMax - betaMin);
    }

    @Override
    public double f(double t) {
        return -0.5 * beta(t);
    }

    @Override
    public double g2(double t) {
        return beta(t);
    }

    @Override
    public double a(double t) {
        return Math.exp(logMean(t, betaMin, betaMax));
    }

    @Override
    public double s(double t) {
        return Math.sqrt(-Math.expm1(2 * logMean(t, betaMin, betaMax)));
    }

    @Override
    public Prior prior() {
        return new Prior(1);
    }

    @Override
    public Discretization discretize(int n) {
        return new DdpmDiscretization(this, n);
    }
}
