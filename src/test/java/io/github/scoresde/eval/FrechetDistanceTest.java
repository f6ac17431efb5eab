package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.eval.FrechetDistance.Gaussian;
import io.github.scoresde.linalg.SymmetricEigen;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    @Test
    void diagonalCovariancesGiveTheSumOfSquaredRootDifferences() {
        double[] a = {0.5, 1, 2, 4, 9};
        double[] b = {2, 1, 0.25, 4, 1e-6};
        double[] mu1 = {1, -2, 0, 3, 0.5};
        double[] mu2 = {0, -1, 2, 3, -0.5};
        double expected = 0;
        for (int k = 0; k < a.length; k++) {
            expected += Math.pow(Math.sqrt(a[k]) - Math.sqrt(b[k]), 2) + Math.pow(mu1[k] - mu2[k], 2);
        }
        double d = FrechetDistance.between(new Gaussian(mu1, diagonal(a)), new Gaussian(mu2, diagonal(b)));
        assertEquals(expected, d, 1e-12 * expected);
    }

    @Test
    void nonCommutingTwoByTwoMatchesTheClosedForm() {
        double[][] s1 = {{2, 0.5}, {0.5, 1}};
        double[][] s2 = {{1, -0.3}, {-0.3, 3}};
        assertNotEquals(multiply(s1, s2)[0][1], multiply(s2, s1)[0][1], "the example must not commute");
        // The eigenvalues l1, l2 of S1 S2 are those of S1^(1/2) S2 S1^(1/2), so
        // tr sqrt = sqrt(l1) + sqrt(l2) = sqrt(l1 + l2 + 2 sqrt(l1 l2)) = sqrt(tr(S1 S2) + 2 sqrt(det S1 det S2)).
        double[][] p = multiply(s1, s2);
        double traceSqrt = Math.sqrt(p[0][0] + p[1][1] + 2 * Math.sqrt(det(s1) * det(s2)));
        double[] mu1 = {0.3, -1};
        double[] mu2 = {1.3, 1};
        double expected = 1 + 4 + 3 + 4 - 2 * traceSqrt;
        assertEquals(expected, FrechetDistance.between(new Gaussian(mu1, s1), new Gaussian(mu2, s2)), 1e-13);
        assertEquals(expected, FrechetDistance.between(new Gaussian(mu2, s2), new Gaussian(mu1, s1)), 1e-13, "symmetric");
    }

    @Test
    void oneDimensionIsTheSquaredDifferenceOfMeansAndStandardDeviations() {
        double d = FrechetDistance.between(new Gaussian(new double[] {1}, new double[][] {{4}}),
                new Gaussian(new double[] {-2}, new double[][] {{0.25}}));
        assertEquals(9 + 1.5 * 1.5, d, 1e-14);
    }

    @Test
    void aCommonRotationLeavesTheDistanceUnchanged() {
        SplittableRandom rnd = new SplittableRandom(5);
        int d = 12;
        double[][] s1 = randomCovariance(d, rnd);
        double[][] s2 = randomCovariance(d, rnd);
        double[] mu1 = Gaussians.standard(1, d, rnd)[0];
        double[] mu2 = Gaussians.standard(1, d, rnd)[0];
        double[][] q = SymmetricEigen.of(randomCovariance(d, rnd)).vectors();
        double base = FrechetDistance.between(new Gaussian(mu1, s1), new Gaussian(mu2, s2));
        double rotated = FrechetDistance.between(new Gaussian(apply(q, mu1), conjugate(q, s1)), new Gaussian(apply(q, mu2), conjugate(q, s2)));
        assertTrue(base > 1, "a non-trivial example: " + base);
        assertEquals(base, rotated, 1e-10 * base);
    }

    @Test
    void aSetAgainstItselfIsZeroWithinRoundOffAlsoWhenTheCovarianceIsSingular() {
        SplittableRandom rnd = new SplittableRandom(8);
        double[][] x = Gaussians.standard(300, 20, rnd);
        for (double[] row : x) {
            row[19] = row[0] + row[1]; // rank 19: one zero eigenvalue
            row[18] = 3;               // and a constant feature
        }
        double d = FrechetDistance.of(x, x);
        // tr S is about 20; Jacobi eigenvalues are accurate to ~1e-15 relative, their square roots
        // of the zero eigenvalues to ~sqrt(1e-15 * 20).
        assertEquals(0, d, 1e-6);
    }

    @Test
    void aZeroCovarianceAgainstAnotherLeavesItsTrace() {
        double[] b = {1, 2, 3};
        double d = FrechetDistance.between(new Gaussian(new double[3], new double[3][3]), new Gaussian(new double[3], diagonal(b)));
        assertEquals(6, d, 1e-14);
    }

    @Test
    void fittingNeedsOneMorePointThanDimensions() {
        double[][] x = Gaussians.standard(10, 10, new SplittableRandom(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gaussian.fit(x));
        assertTrue(e.getMessage().contains("at least 11 points"), e.getMessage());
        assertEquals(11, FrechetDistance.minSamples(10));
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.of(x, Gaussians.standard(20, 9, new SplittableRandom(2))));
    }

    @Test
    void samplesOfTwoKnownGaussiansApproachTheirDistance() {
        // N(0, I) vs N(m, 4 I) in 4-D: d^2 = |m|^2 + 4 (2 - 1)^2 = 4 + 4 = 8. With 20,000 points per
        // set the sample moments are off by O(1/sqrt(n)) ~ 0.007 relative; 0.2 is a loose bound.
        SplittableRandom rnd = new SplittableRandom(13);
        double[][] a = Gaussians.standard(20_000, 4, rnd);
        double[][] b = Gaussians.standard(20_000, 4, rnd);
        for (double[] row : b) {
            for (int k = 0; k < 4; k++) {
                row[k] = 2 * row[k] + 1;
            }
        }
        assertEquals(8, FrechetDistance.of(a, b), 0.2);
    }

    private static double[][] diagonal(double[] v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            m[i][i] = v[i];
        }
        return m;
    }

    private static double det(double[][] m) {
        return m[0][0] * m[1][1] - m[0][1] * m[1][0];
    }

    /** A A^T / d + 0.1 I for a random Gaussian A: symmetric positive definite. */
    private static double[][] randomCovariance(int d, SplittableRandom rnd) {
        double[][] a = Gaussians.standard(d, d, rnd);
        double[][] c = multiply(a, transpose(a));
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                c[i][j] = c[i][j] / d + (i == j ? 0.1 : 0);
            }
        }
        return c;
    }

    private static double[][] conjugate(double[][] q, double[][] s) {
        return multiply(multiply(q, s), transpose(q));
    }

    private static double[] apply(double[][] q, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < v.length; k++) {
                out[i] += q[i][k] * v[k];
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }
}
