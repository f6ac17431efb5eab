package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MmdTest {

    @Test
    void sameDistributionIsWithinNoiseOfZeroAndShiftIsClearlyPositive() {
        SplittableRandom rnd = new SplittableRandom(21);
        double same = Mmd.squared(
                Gaussians.standard(1000, 2, rnd), Gaussians.standard(1000, 2, rnd), rnd);
        double shifted = Mmd.squared(
                Gaussians.standard(1000, 2, rnd), Gaussians.sample(1000, new double[] {1, 0}, rnd), rnd);
        // Over 10 seeds the same-distribution estimate had sd 0.0012 and the shifted one was
        // 0.25 to 0.30: 0.006 is 5 sd, and 0.1 is far above that bound.
        assertEquals(0.0, same, 0.006);
        assertTrue(shifted > 0.1, "shifted = " + shifted);
    }

    @Test
    void fixedBandwidthMatchesClosedForm() {
        SplittableRandom rnd = new SplittableRandom(22);
        double[][] a = Gaussians.standard(2000, 2, rnd);
        double[][] b = Gaussians.sample(2000, new double[] {1, 0}, rnd);
        // For N(0, I) vs N(m, I) in d dims and one RBF kernel of bandwidth h, with X - Y ~ N(-m, 2I):
        // E k = (h^2 / (h^2 + 2))^(d/2) exp(-|m|^2 / (2 (h^2 + 2))), and within-set terms have m = 0,
        // so MMD^2 = 2 (h^2 / (h^2 + 2))^(d/2) (1 - exp(-|m|^2 / (2 (h^2 + 2)))) = 0.1024 for h = 1.
        double expected = 2.0 / 3 * (1 - Math.exp(-1.0 / 6));
        // Observed sd over 10 seeds was 0.011 at n = 1000, so about 0.008 at n = 2000: 0.03 is 4 sd.
        assertEquals(expected, Mmd.squared(a, b, new double[] {1}, 2000, rnd), 0.03);
    }

    @Test
    void tinyExampleMatchesHandComputation() {
        double[][] a = {{0}, {1}};
        double[][] b = {{0}, {3}};
        double k01 = Math.exp(-0.5);
        double k03 = Math.exp(-4.5);
        double k13 = Math.exp(-2);
        // h = 1: kxx = k(0,1), kyy = k(0,3), kxy mean over {(0,0),(0,3),(1,0),(1,3)}.
        double expected = k01 + k03 - 2 * (1 + k03 + k01 + k13) / 4;
        assertEquals(expected, Mmd.squared(a, b, new double[] {1}, 10, new SplittableRandom(0)),
                1e-15); // same arithmetic, rounding only
    }

    @Test
    void medianHandlesEvenAndOddCounts() {
        assertEquals(2.0, Mmd.median(new double[] {5, 1, 2}), 0.0);
        assertEquals(2.5, Mmd.median(new double[] {4, 1, 3, 2}), 0.0);
        assertEquals(1.0, Mmd.median(new double[] {1, 1, 1, 7, 0, 1}), 0.0);
    }

    @Test
    void rejectsBadInput() {
        SplittableRandom rnd = new SplittableRandom(23);
        double[][] two = {{0, 1}, {1, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mmd.squared(two, two, new double[] {0}, 10, rnd));
        assertEquals("bandwidths must be finite and positive but got 0.0", e.getMessage());
        double[][] same = {{1, 1}, {1, 1}};
        e = assertThrows(IllegalArgumentException.class, () -> Mmd.squared(same, same, rnd));
        assertTrue(e.getMessage().startsWith("median pairwise distance is 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Mmd.squared(two, new double[][] {{1, 2, 3}, {4, 5, 6}}, rnd));
        assertEquals("a has 2 columns but b has 3", e.getMessage());
    }
}
