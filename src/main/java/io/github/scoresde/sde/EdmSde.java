package io.github.scoresde.sde;

/**
 * The SDE of Karras et al. 2022 ("EDM"): time is the noise level, sigma(t) = t, so f = 0,
 * g^2 = 2t, a = 1, s = t, on t in [sigmaMin, sigmaMax], prior N(0, sigmaMax^2 I).
 *
 * @param sigmaMin smallest noise level, where sampling ends (default 0.002)
 * @param sigmaMax largest noise level T (default 80)
 */
public record EdmSde(double sigmaMin, double sigmaMax) implements Sde {
    /** Validates 0 < sigmaMin < sigmaMax. */
    public EdmSde {
        if (!(sigmaMin > 0) || !(sigmaMax > sigmaMin) || Double.isInfinite(sigmaMax)) {
            throw new IllegalArgumentException(
                    "EDM SDE needs 0 < sigma-min < sigma-max, got " + sigmaMin + " and " + sigmaMax);
        }
    }

    /** The SPEC defaults sigma in [0.002, 80]. */
    public EdmSde() {
        this(0.002, 80);
    }

    @Override
    public String name() {
        return "edm";
    }

    @Override
    public double tMax() {
        return sigmaMax;
    }

    @Override
    public double eps() {
        return sigmaMin;
    }

    @Override
    public double f(double t) {
        return 0;
    }

    @Override
    public double g2(double t) {
        return 2 * t;
    }

    @Override
    public double a(double t) {
        return 1;
    }

    @Override
    public double s(double t) {
        return t;
    }

    @Override
    public double timeOfSigma(double sigma) {
        return Math.max(0, Math.min(sigmaMax, sigma));
    }

    @Override
    public Prior prior() {
        return new Prior(sigmaMax);
    }

    @Override
    public Discretization discretize(int n) {
        return new EulerDiscretization(this, n);
    }
}
