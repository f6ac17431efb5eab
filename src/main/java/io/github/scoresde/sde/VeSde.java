package io.github.scoresde.sde;

/**
 * Variance-exploding SDE (SMLD): f = 0, sigma(t) = smin (smax/smin)^t,
 * g^2 = d[sigma^2]/dt = 2 sigma^2 ln(smax/smin), prior N(0, smax^2 I) (Song et al. 2021, eq. 30).
 *
 * @param sigmaMin smallest noise level (default 0.01)
 * @param sigmaMax largest noise level, about the largest distance between data points (default 50)
 */
public record VeSde(double sigmaMin, double sigmaMax) implements Sde {
    /** Validates 0 < sigmaMin < sigmaMax. */
    public VeSde {
        if (!(sigmaMin > 0) || !(sigmaMax > sigmaMin) || Double.isInfinite(sigmaMax)) {
            throw new IllegalArgumentException(
                    "VE SDE needs 0 < sigma-min < sigma-max, got " + sigmaMin + " and " + sigmaMax);
        }
    }

    /** The SPEC defaults smin = 0.01, smax = 50. */
    public VeSde() {
        this(0.01, 50);
    }

    @Override
    public String name() {
        return "ve";
    }

    @Override
    public double tMax() {
        return 1;
    }

    @Override
    public double eps() {
        return 1e-5;
    }

    @Override
    public double f(double t) {
        return 0;
    }

    @Override
    public double g2(double t) {
        double sigma = s(t);
        return 2 * sigma * sigma * Math.log(sigmaMax / sigmaMin);
    }

    @Override
    public double a(double t) {
        return 1;
    }

    @Override
    public double s(double t) {
        return sigmaMin * Math.pow(sigmaMax / sigmaMin, t);
    }

    @Override
    public double timeOfSigma(double sigma) {
        return Math.max(0, Math.min(1, Math.log(sigma / sigmaMin) / Math.log(sigmaMax / sigmaMin)));
    }

    @Override
    public Prior prior() {
        return new Prior(sigmaMax);
    }

    @Override
    public Discretization discretize(int n) {
        return new NcsnDiscretization(this, n);
    }
}
