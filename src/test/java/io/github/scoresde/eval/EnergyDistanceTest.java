package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EnergyDistanceTest {

    @Test
    void identicalSetsGiveAlmostZero() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[][] x = Gaussians.standard(500, 2, rnd);
        // With U-statistics ED(x, x) = -(2/n) E|X - X'|; in 2-D E|X - X'| = sqrt(pi) = 1.77, so
        // ED is about -0.007 for n = 500.
        assertEquals(-2 * Math.sqrt(Math.PI) / 500, EnergyDistance.distance(x, x, rnd), 0.002);
    }

    @Test
    void unitShiftIn1dMatchesClosedForm() {
        SplittableRandom rnd = new SplittableRandom(12);
        double[][] a = Gaussians.sample(4000, new double[] {0}, rnd);
        double[][] b = Gaussians.sample(4000, new double[] {1}, rnd);
        // X - Y ~ N(-1, 2) and X - X' ~ N(0, 2); E|N(mu, s^2)| = s sqrt(2/pi) exp(-mu^2 / (2 s^2))
        // + mu (1 - 2 Phi(-mu / s)) (folded normal mean), so ED = 0.5418.
        double s = Math.sqrt(2);
        double expected = 2 * foldedNormalMean(1, s) - 2 * foldedNormalMean(0, s);
        assertEquals(0.5418, expected, 1e-4); // guards the formula itself
        // The estimate moves one-for-one with the sample-mean difference (sd sqrt(2/n) = 0.022);
        // 0.09 is 4 sd (sd over 10 seeds at n = 2000 was 0.03, i.e. 0.021 at n = 4000).
        assertEquals(expected, EnergyDistance.distance(a, b, 4000, rnd), 0.09);
    }

    @Test
    void subsamplingUsesTheRandomSource() {
        SplittableRandom data = new SplittableRandom(13);
        double[][] a = Gaussians.standard(300, 2, data);
        double[][] b = Gaussians.standard(300, 2, data);
        double full = EnergyDistance.distance(a, b, 300, new SplittableRandom(1));
        double sub1 = EnergyDistance.distance(a, b, 100, new SplittableRandom(1));
        double sub2 = EnergyDistance.distance(a, b, 100, new SplittableRandom(2));
        // Different subsamples give different (continuous-valued) estimates; equal seeds repeat.
        assertNotEquals(full, sub1);
        assertNotEquals(sub1, sub2);
        assertEquals(sub1, EnergyDistance.distance(a, b, 100, new SplittableRandom(1)), 0.0);
    }

    @Test
    void rejectsBadInput() {
        SplittableRandom rnd = new SplittableRandom(14);
        double[][] two = {{0, 1}, {1, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnergyDistance.distance(two, new double[][] {{0}, {1}}, rnd));
        assertEquals("a has 2 columns but b has 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EnergyDistance.distance(two, new double[][] {{0, 1}}, rnd));
        assertEquals("b has 1 row but at least 2 are needed", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EnergyDistance.distance(two, two, 1, rnd));
        assertEquals("maxPoints must be at least 2 but was 1", e.getMessage());
    }

    /** E|Z| for Z ~ N(mu, s^2). */
    static double foldedNormalMean(double mu, double s) {
        return s * Math.sqrt(2 / Math.PI) * Math.exp(-mu * mu / (2 * s * s))
                + mu * (1 - 2 * phi(-mu / s));
    }

    /** Standard normal CDF via Abramowitz and Stegun 7.1.26 (|error in erf| < 1.5e-7). */
    static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
