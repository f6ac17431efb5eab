package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MomentsTest {

    @Test
    void smallExampleByHand() {
        double[][] x = {{1, 2}, {3, 6}, {5, 4}};
        // mean (3, 4); deviations (-2,-2), (0,2), (2,0): var_x = 8/2, var_y = 8/2, cov = 4/2.
        assertArrayEquals(new double[] {3, 4}, Moments.mean(x), 1e-15);
        double[][] cov = Moments.covariance(x);
        assertArrayEquals(new double[] {4, 2}, cov[0], 1e-15);
        assertArrayEquals(new double[] {2, 4}, cov[1], 1e-15);
    }

    @Test
    void largeOffsetDoesNotLosePrecision() {
        SplittableRandom rnd = new SplittableRandom(31);
        double[][] x = Gaussians.sample(10_000, new double[] {1e8}, rnd);
        // Sample variance of 10^4 N(0,1) draws has sd sqrt(2/n) = 0.014; 0.06 is 4 sd. The naive
        // E[x^2] - mean^2 formula would lose all digits here (1e16 vs variance 1).
        assertEquals(1.0, Moments.covariance(x)[0][0], 0.06);
    }

    @Test
    void covarianceNeedsTwoRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Moments.covariance(new double[][] {{1, 2}}));
        assertEquals("points have 1 row but at least 2 are needed", e.getMessage());
    }
}
