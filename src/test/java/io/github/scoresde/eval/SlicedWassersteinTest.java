package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlicedWassersteinTest {

    @Test
    void identicalSetsAreAtDistanceZero() {
        SplittableRandom rnd = new SplittableRandom(1);
        double[][] x = Gaussians.standard(500, 3, rnd);
        // Same sorted projections: every 1-D term is exactly 0.
        assertEquals(0.0, SlicedWasserstein.distance(x, x, rnd), 0.0);
    }

    @Test
    void oneDimensionalShiftGivesTheShift() {
        SplittableRandom rnd = new SplittableRandom(2);
        double[][] a = Gaussians.sample(20_000, new double[] {0}, rnd);
        double[][] b = Gaussians.sample(20_000, new double[] {1.5}, rnd);
        // W2(N(0,1), N(m,1)) = |m|; the sample means differ from m with sd sqrt(2/n) = 0.01,
        // so 0.04 is 4 sd (deviations over 10 seeds were at most 0.016).
        assertEquals(1.5, SlicedWasserstein.distance(a, b, rnd), 0.04);
    }

    @Test
    void shiftInDDimensionsGivesNormOverSqrtD() {
        SplittableRandom rnd = new SplittableRandom(3);
        int d = 8;
        double[] m = new double[d];
        Arrays.fill(m, 2 / Math.sqrt(d)); // |m| = 2
        double[][] a = Gaussians.standard(5000, d, rnd);
        double[][] b = Gaussians.sample(5000, m, rnd);
        // SW2^2 = E_theta (theta.m)^2 = |m|^2 / d. (theta.m)^2 / |m|^2 ~ Beta(1/2, (d-1)/2) with
        // relative sd 1.18 at d = 8, so 2000 projections give a relative sd of 2.6% on SW2^2,
        // 1.3% on SW2; 6% covers that plus the sampling noise (observed sd 1.3% over 10 seeds).
        double expected = 2 / Math.sqrt(d);
        assertEquals(expected, SlicedWasserstein.distance(a, b, 2000, rnd), 0.06 * expected);
    }

    @Test
    void unequalSizesUseTheMergedQuantileGrid() {
        // a = {0, 1}: Qa = 0 on (0, 1/2], 1 on (1/2, 1]; b = {0, 0, 3}: Qb = 0 on (0, 2/3], 3 after.
        // Intervals: (0,1/2] diff 0; (1/2,2/3] diff 1; (2/3,1] diff -2 -> 1/6 * 1 + 1/3 * 4 = 3/2.
        double w2sq = SlicedWasserstein.squaredW2Sorted(new double[] {0, 1}, new double[] {0, 0, 3});
        assertEquals(1.5, w2sq, 1e-15); // exact up to rounding of the levels
    }

    @Test
    void sizesWithCommonLevelsMatchTheReplicatedSet() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[][] a = Gaussians.standard(300, 2, rnd);
        double[][] b = Gaussians.standard(200, 2, rnd);
        double[][] bTwice = new double[400][];
        for (int i = 0; i < 400; i++) {
            bTwice[i] = b[i % 200];
        }
        // Duplicating every point leaves the empirical measure, hence the distance, unchanged;
        // equal seeds give equal directions, so only rounding differs.
        double once = SlicedWasserstein.distance(a, b, 64, new SplittableRandom(9));
        double twice = SlicedWasserstein.distance(a, bTwice, 64, new SplittableRandom(9));
        assertEquals(once, twice, 1e-12);
    }

    @Test
    void fastForTenThousandPointsInSixteenDimensions() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] a = Gaussians.standard(10_000, 16, rnd);
        double[][] b = Gaussians.standard(10_000, 16, rnd);
        // About 0.3 s on a laptop-class core; 5 s only catches accidental O(n^2) behaviour.
        double sw = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> SlicedWasserstein.distance(a, b, rnd));
        // Same distribution: only the finite-sample floor remains (0.023 to 0.028 over 10 seeds).
        assertTrue(sw < 0.05, "sw = " + sw);
    }

    @Test
    void rejectsBadInput() {
        SplittableRandom rnd = new SplittableRandom(6);
        double[][] two = {{0, 1}, {1, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlicedWasserstein.distance(new double[][] {{0, 1, 2}}, two, rnd));
        assertEquals("a has 3 columns but b has 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SlicedWasserstein.distance(new double[0][], two, rnd));
        assertEquals("a has no rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SlicedWasserstein.distance(two, new double[][] {{0, 1}, {2}}, rnd));
        assertEquals("b row 1 has 1 columns but row 0 has 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SlicedWasserstein.distance(two, new double[][] {{0, Double.NaN}}, rnd));
        assertEquals("b row 0 column 1 is NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SlicedWasserstein.distance(two, two, 0, rnd));
        assertEquals("projections must be at least 1 but was 0", e.getMessage());
    }
}
