package io.github.scoresde.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.eval.ModeWeights;
import io.github.scoresde.eval.SlicedWasserstein;
import io.github.scoresde.model.GaussianMixture;
import java.util.SplittableRandom;

/**
 * The statistical checks of samples of size n against an exact mixture (SPEC §8): sliced W2
 * against a reference draw, mode weights and within-mode variance, with tolerances from the
 * sampling noise at that n.
 */
public final class MixtureOracle {
    private final GaussianMixture mixture;
    private final int n;
    private final double[][] reference;
    private final double swThreshold;
    private final double[] referenceSpread;

    private MixtureOracle(GaussianMixture mixture, int n) {
        this.mixture = mixture;
        this.n = n;
        this.reference = mixture.sample(n, new SplittableRandom(100)).points();
        // Noise floor: SW2 between independent exact sets of the same size (measured for gmm8 at
        // n = 10^4 about 0.06 +- 0.01). A sampler passes below mean + 4 sd of that null plus 0.03
        // for the discretisation bias that remains at many steps (e.g. VP stops at eps = 1e-3,
        // where the marginal still has noise std s(eps) ~ 0.01, and the adaptive solver's
        // rtol = 1e-5). A wrong mode weight of 0.02 or a within-mode std off by 10% exceeds it.
        double[] floor = Oracle.nullSlicedW2(mixture, n, 8, 200);
        this.swThreshold = floor[0] + 4 * floor[1] + 0.03;
        this.referenceSpread = Oracle.withinModeVariance(mixture, reference);
    }

    /** The checks for samples of size {@code n} of {@code mixture}. */
    public static MixtureOracle of(GaussianMixture mixture, int n) {
        return new MixtureOracle(mixture, n);
    }

    /** Within-mode variance of the reference draw, {mean, standard error}. */
    public double[] referenceSpread() {
        return referenceSpread.clone();
    }

    /** All three checks. */
    public void assertMatches(double[][] x, String what) {
        double sw = SlicedWasserstein.distance(x, reference, new SplittableRandom(3));
        assertTrue(sw < swThreshold, what + ": sliced W2 " + sw + " >= " + swThreshold);
        assertWeightsMatch(x, what);
        assertSpreadMatches(x, what);
    }

    /**
     * Binomial standard error of a 1/K frequency at n = 10^4 is 0.0033; 4.5 se bounds the chance
     * of a false alarm over all modes and cases to ~0.2%.
     */
    public void assertWeightsMatch(double[][] x, String what) {
        double[] weights = ModeWeights.of(x, mixture::mostLikelyComponent, mixture.components());
        double tolerance = 4.5 * ModeWeights.binomialStdErr(1.0 / mixture.components(), n);
        assertTrue(ModeWeights.maxAbsError(weights, mixture.weights()) < tolerance,
                what + ": mode weights " + java.util.Arrays.toString(weights));
    }

    /**
     * Sliced W2 has a noise floor (~0.06 for gmm8) above the effect of a 10% error in the modes'
     * std, so the within-mode variance is compared directly: the difference of the two estimates
     * must be within 4.5 combined standard errors (each ~0.4% of 0.25 at n = 10^4).
     */
    public void assertSpreadMatches(double[][] x, String what) {
        double[] spread = Oracle.withinModeVariance(mixture, x);
        double se = Math.hypot(spread[1], referenceSpread[1]);
        assertTrue(Math.abs(spread[0] - referenceSpread[0]) < 4.5 * se,
                what + ": within-mode variance " + spread[0] + " vs exact " + referenceSpread[0] + " (se " + se + ")");
    }
}
