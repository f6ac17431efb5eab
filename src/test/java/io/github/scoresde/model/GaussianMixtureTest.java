package io.github.scoresde.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.UserInputException;
import io.github.scoresde.eval.Moments;
import io.github.scoresde.linalg.Cholesky;
import io.github.scoresde.linalg.SymmetricEigen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java-side mixture oracle of SPEC §8, its linear algebra, and the mixture files. */
class GaussianMixtureTest {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    @TempDir
    Path dir;

    // ---- construction and validation -------------------------------------------------------

    @Test
    void weightsAreNormalisedAndInputsCopied() {
        double[] w = {1, 3};
        double[][] mu = {{0, 0}, {1, 1}};
        double[][][] c = {identity(2), identity(2)};
        GaussianMixture mix = GaussianMixture.of(w, mu, c);
        assertEquals(0.25, mix.weight(0), 1e-16);
        assertEquals(0.75, mix.weight(1), 1e-16);
        assertEquals(1.0, Arrays.stream(mix.weights()).sum(), 1e-15);
        assertEquals(2, mix.components());
        assertEquals(2, mix.dim());
        // Immutable: changing the inputs or the returned copies changes nothing.
        w[0] = 100;
        mu[1][0] = 7;
        c[0][0][0] = 9;
        mix.mean(1)[0] = 5;
        mix.covariance(0)[0][0] = 5;
        assertEquals(0.25, mix.weight(0), 1e-16);
        assertEquals(1, mix.mean(1)[0], 0);
        assertEquals(1, mix.covariance(0)[0][0], 0);
        // Zero weights are allowed as long as one is positive.
        assertEquals(1, GaussianMixture.of(new double[] {0, 2}, mu, c).weight(1), 0);
    }

    @Test
    void ofRejectsBadComponentsNamingThem() {
        double[][] good = identity(2);
        assertMessage(() -> GaussianMixture.of(new double[] {1, 1}, new double[][] {{0, 0}}, new double[][][] {good, good}),
                "same length");
        assertMessage(() -> GaussianMixture.of(new double[0], new double[0][], new double[0][][]), "at least one");
        assertMessage(() -> GaussianMixture.of(new double[] {1, 1}, new double[][] {{0, 0}, {0, 0, 0}},
                new double[][][] {good, good}), "mean of component 1");
        assertMessage(() -> GaussianMixture.of(new double[] {1, 1}, new double[][] {{0, 0}, {0, 0}},
                new double[][][] {good, identity(3)}), "covariance of component 1");
        assertMessage(() -> GaussianMixture.of(new double[] {1, 1}, new double[][] {{0, 0}, {0, 0}},
                new double[][][] {good, {{1, 0}, {0}}}), "covariance of component 1");
        // A short later row: the symmetry check must not index past it.
        assertMessage(() -> GaussianMixture.of(new double[] {1, 1}, new double[][] {{0, 0}, {0, 0}},
                new double[][][] {good, {{1, 0}, {}}}), "covariance of component 1");
        assertMessage(() -> GaussianMixture.of(new double[] {1, -0.5}, new double[][] {{0, 0}, {0, 0}},
                new double[][][] {good, good}), "weight of component 1");
        assertMessage(() -> GaussianMixture.of(new double[] {Double.NaN, 1}, new double[][] {{0, 0}, {0, 0}},
                new double[][][] {good, good}), "weight of component 0");
        assertMessage(() -> GaussianMixture.of(new double[] {0, 0}, new double[][] {{0, 0}, {0, 0}},
                new double[][][] {good, good}), "not all be 0");
        assertMessage(() -> GaussianMixture.of(new double[] {1, 1}, new double[][] {{0, 0}, {0, Double.NaN}},
                new double[][][] {good, good}), "mean of component 1");
        // Non-symmetric: names the component and the entries.
        String msg = assertMessage(() -> GaussianMixture.of(new double[] {1, 1, 1}, new double[][] {{0, 0}, {0, 0}, {0, 0}},
                new double[][][] {good, good, {{1, 0.2}, {0.3, 1}}}), "covariance of component 2 is not symmetric");
        assertTrue(msg.contains("0.2") && msg.contains("0.3"), msg);
        // Symmetric but indefinite (eigenvalues 3 and -1), and singular: names the component.
        assertMessage(() -> GaussianMixture.of(new double[] {1, 1}, new double[][] {{0, 0}, {0, 0}},
                new double[][][] {good, {{1, 2}, {2, 1}}}), "covariance of component 1 is not positive definite");
        assertMessage(() -> GaussianMixture.of(new double[] {1, 1}, new double[][] {{0, 0}, {0, 0}},
                new double[][][] {{{1, 1}, {1, 1}}, good}), "covariance of component 0 is not positive definite");
        // Asymmetry at round-off level (1e-12 relative) is accepted.
        GaussianMixture.of(new double[] {1}, new double[][] {{0, 0}}, new double[][][] {{{1, 0.5}, {0.5 + 1e-13, 1}}});
    }

    // ---- linear algebra ---------------------------------------------------------------------

    @Test
    void symmetricEigenReconstructsRandomSpdMatrices() {
        SplittableRandom rnd = new SplittableRandom(21);
        for (int d : new int[] {1, 2, 5, 16}) {
            double[][] c = randomSpd(d, rnd);
            SymmetricEigen e = SymmetricEigen.of(c);
            double[] v = e.values();
            double[][] q = e.vectors();
            for (int j = 1; j < d; j++) {
                assertTrue(v[j - 1] <= v[j], "ascending");
            }
            assertEquals(v[0], e.min(), 0);
            assertTrue(e.min() > 0);
            // Entries of c are O(d); Jacobi is backward stable, so the reconstruction and Q^T Q = I
            // hold to a few hundred ulps: 1e-10 absolute is a wide margin.
            for (int r = 0; r < d; r++) {
                for (int col = 0; col < d; col++) {
                    double rec = 0;
                    double orth = 0;
                    for (int j = 0; j < d; j++) {
                        rec += q[r][j] * v[j] * q[col][j];
                        orth += q[j][r] * q[j][col];
                    }
                    assertEquals(c[r][col], rec, 1e-10, "d = " + d + " C[" + r + "][" + col + "]");
                    assertEquals(r == col ? 1 : 0, orth, 1e-10, "d = " + d + " (Q^T Q)[" + r + "][" + col + "]");
                }
            }
            // Trace and log-determinant against the Cholesky factor.
            double trace = 0;
            double logDet = 0;
            for (int j = 0; j < d; j++) {
                trace += c[j][j];
                logDet += Math.log(v[j]);
            }
            assertEquals(trace, Arrays.stream(v).sum(), 1e-10 * trace);
            assertEquals(new Cholesky(c).logDet(), logDet, 1e-10 * (1 + Math.abs(logDet)));
        }
    }

    @Test
    void symmetricEigenHandlesRepeatedEigenvaluesAndReadsTheUpperTriangle() {
        // [[2, 1], [1, 2]]: equal diagonal (the theta = 0 rotation), eigenvalues 1 and 3.
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {999, 2}});
        assertArrayEquals(new double[] {1, 3}, e.values(), 1e-14);
        assertEquals(1 / Math.sqrt(2), Math.abs(e.vectors()[0][0]), 1e-14);
        // A multiple of the identity is already diagonal.
        SymmetricEigen id = SymmetricEigen.of(new double[][] {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}});
        assertArrayEquals(new double[] {4, 4, 4}, id.values(), 0);
        // A rotated diag(1, 2, 2): the double eigenvalue comes back to round-off.
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] q = Mixtures.randomRotation(3, rnd);
        double[][] c = new double[3][3];
        double[] lambda = {2, 1, 2};
        for (int r = 0; r < 3; r++) {
            for (int col = 0; col < 3; col++) {
                for (int j = 0; j < 3; j++) {
                    c[r][col] += q[r][j] * lambda[j] * q[col][j];
                }
            }
        }
        assertArrayEquals(new double[] {1, 2, 2}, SymmetricEigen.of(c).values(), 1e-12);
    }

    @Test
    void choleskySolves() {
        SplittableRandom rnd = new SplittableRandom(8);
        double[][] c = randomSpd(6, rnd);
        double[] x = {1, -2, 0.5, 3, 0, -1};
        double[] b = new double[6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                b[i] += c[i][j] * x[j];
            }
        }
        // The random SPD matrices here have condition numbers < 1e3: error < 1e3 * 1e-16 * |x|.
        assertArrayEquals(x, new Cholesky(c).solve(b), 1e-11);
        assertThrows(IllegalArgumentException.class, () -> new Cholesky(new double[][] {{1, 2}, {2, 1}}));
    }

    // ---- sampling -----------------------------------------------------------------------------

    @Test
    void sampleMomentsAndLabelsMatchTheMixture() {
        GaussianMixture mix = Mixtures.aniso16();
        int n = 20_000;
        GaussianMixture.Draws draws = mix.sample(n, new SplittableRandom(1234));
        double[][] x = draws.points();
        int[] labels = draws.components();
        assertEquals(n, x.length);
        assertEquals(n, labels.length);
        int d = mix.dim();
        double[] mu = mix.mean();
        double[][] cov = mix.covariance();
        assertMoments(x, mu, cov, "aniso16");

        // Labels: the count of component 0 is Binomial(n, 0.3): 4.5 sd = 4.5 sqrt(n p (1 - p)) = 292.
        long zeros = Arrays.stream(labels).filter(k -> k == 0).count();
        assertEquals(0.3 * n, zeros, 4.5 * Math.sqrt(n * 0.3 * 0.7), "component 0 count");
        // And each label belongs to its point: the points labelled k have mean mu_k (4.5 SE per
        // coordinate, SE = sqrt(C_k[j][j] / n_k)).
        for (int k = 0; k < 2; k++) {
            int kk = k;
            double[][] xk = java.util.stream.IntStream.range(0, n).filter(i -> labels[i] == kk).mapToObj(i -> x[i])
                    .toArray(double[][]::new);
            double[] mk = Moments.mean(xk);
            for (int j = 0; j < d; j++) {
                double se = Math.sqrt(mix.covariance(k)[j][j] / xk.length);
                assertEquals(mix.mean(k)[j], mk[j], 4.5 * se, "component " + k + " coordinate " + j);
            }
        }

        // gmm8: eight equal weights, each count Binomial(n, 1/8), 4.5 sd = 210.
        int[] g = Mixtures.gmm8().sample(n, new SplittableRandom(99)).components();
        int[] counts = new int[8];
        for (int k : g) {
            counts[k]++;
        }
        for (int k = 0; k < 8; k++) {
            assertEquals(n / 8.0, counts[k], 4.5 * Math.sqrt(n / 8.0 * 7 / 8), "gmm8 component " + k);
        }
        // Same seed, same draws.
        assertArrayEquals(x[17], mix.sample(n, new SplittableRandom(1234)).points()[17], 0);
    }

    @Test
    void diffusedIsTheLawOfAX0PlusSZ() {
        GaussianMixture mix = Mixtures.aniso16();
        double a = 0.6;
        double s = 0.8;
        GaussianMixture diffused = mix.diffused(a, s);
        assertArrayEquals(mix.weights(), diffused.weights(), 0);
        for (int k = 0; k < mix.components(); k++) {
            double[] m = mix.mean(k);
            double[][] c = mix.covariance(k);
            double[][] dc = diffused.covariance(k);
            for (int i = 0; i < mix.dim(); i++) {
                assertEquals(a * m[i], diffused.mean(k)[i], 1e-15);
                for (int j = 0; j < mix.dim(); j++) {
                    assertEquals(a * a * c[i][j] + (i == j ? s * s : 0), dc[i][j], 1e-15);
                }
            }
        }
        // Monte Carlo: samples of the diffused mixture have mean a mu and covariance a^2 Cov + s^2 I.
        double[] mu = mix.mean();
        double[][] cov = mix.covariance();
        int d = mix.dim();
        for (int i = 0; i < d; i++) {
            mu[i] *= a;
            for (int j = 0; j < d; j++) {
                cov[i][j] = a * a * cov[i][j] + (i == j ? s * s : 0);
            }
        }
        assertMoments(diffused.sample(20_000, new SplittableRandom(5)).points(), mu, cov, "diffused aniso16");
        // a = 1, s = 0 is the identity.
        GaussianMixture same = mix.diffused(1, 0);
        double[] x = mix.sample(1, new SplittableRandom(2)).points()[0];
        assertEquals(mix.logDensity(x), same.logDensity(x), 1e-12);
    }

    // ---- densities ----------------------------------------------------------------------------

    @Test
    void gmm8DensityIntegratesToOne() {
        GaussianMixture mix = Mixtures.gmm8();
        // Midpoint rule on [-7, 7]^2, h = 0.05. Components have std 0.5 = 10 h, where the rule is
        // spectrally accurate (error ~ exp(-2 pi^2 (0.5/0.05)^2), nil); the box is 6 std beyond
        // every mean, so the missing tail mass is < 8 * 2 * P(|z| > 6) ~ 1e-8. So 1e-6.
        double h = 0.05;
        double sum = 0;
        for (double u = -7 + h / 2; u < 7; u += h) {
            for (double v = -7 + h / 2; v < 7; v += h) {
                sum += Math.exp(mix.logDensity(new double[] {u, v}));
            }
        }
        assertEquals(1.0, sum * h * h, 1e-6);
    }

    @Test
    void singleComponentDensityIsTheGaussianFormula() {
        double[] mu = {0.5, -1, 2};
        double[][] c = {{2.0, 0.3, -0.4}, {0.3, 1.0, 0.2}, {-0.4, 0.2, 0.5}};
        GaussianMixture one = GaussianMixture.of(new double[] {3}, new double[][] {mu}, new double[][][] {c});
        // Inverse by the adjugate and determinant by cofactors: independent of the code's eigen path.
        double det = c[0][0] * (c[1][1] * c[2][2] - c[1][2] * c[2][1])
                - c[0][1] * (c[1][0] * c[2][2] - c[1][2] * c[2][0])
                + c[0][2] * (c[1][0] * c[2][1] - c[1][1] * c[2][0]);
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int r1 = (j + 1) % 3;
                int r2 = (j + 2) % 3;
                int c1 = (i + 1) % 3;
                int c2 = (i + 2) % 3;
                inv[i][j] = (c[r1][c1] * c[r2][c2] - c[r1][c2] * c[r2][c1]) / det;
            }
        }
        SplittableRandom rnd = new SplittableRandom(4);
        for (int trial = 0; trial < 20; trial++) {
            double[] x = {rnd.nextGaussian() * 3, rnd.nextGaussian() * 3, rnd.nextGaussian() * 3};
            double maha = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    maha += (x[i] - mu[i]) * inv[i][j] * (x[j] - mu[j]);
                }
            }
            double expected = -0.5 * (maha + Math.log(det) + 3 * LOG_2PI);
            // Both in double precision from a well-conditioned C: agreement to ~1e-14 relative.
            assertEquals(expected, one.logDensity(x), 1e-11 * (1 + Math.abs(expected)), "trial " + trial);
            assertArrayEquals(new double[] {1}, one.responsibilities(x), 1e-15);
        }
    }

    @Test
    void responsibilitiesAreAPosteriorOverComponents() {
        GaussianMixture mix = Mixtures.gmm8();
        SplittableRandom rnd = new SplittableRandom(6);
        for (int trial = 0; trial < 50; trial++) {
            double[] x = {rnd.nextGaussian() * 5, rnd.nextGaussian() * 5};
            double[] r = mix.responsibilities(x);
            assertEquals(1, Arrays.stream(r).sum(), 1e-12);
            int best = 0;
            for (int k = 0; k < r.length; k++) {
                assertTrue(r[k] >= 0);
                if (r[k] > r[best]) {
                    best = k;
                }
                // Bayes: p(k | x) = pi_k N(x; mu_k, C_k) / p(x), with the isotropic N written out.
                double[] m = mix.mean(k);
                double q = (sq(x[0] - m[0]) + sq(x[1] - m[1])) / 0.25;
                double logJoint = Math.log(1.0 / 8) - 0.5 * (q + 2 * Math.log(0.25) + 2 * LOG_2PI);
                assertEquals(Math.exp(logJoint - mix.logDensity(x)), r[k], 1e-12);
            }
            assertEquals(best, mix.mostLikelyComponent(x));
        }
        // Log-sum-exp: far from every mean the density underflows but its log does not.
        double far = mix.logDensity(new double[] {300, 0});
        assertTrue(Double.isFinite(far) && far < -1e5, "log p far away = " + far);
        double[] r = mix.responsibilities(new double[] {300, 0});
        assertEquals(1, r[0], 1e-12); // mu_0 = (4, 0) is the nearest mean
    }

    // ---- conditionals -------------------------------------------------------------------------

    @Test
    void aniso16ConditionalIsJointOverMarginal() {
        GaussianMixture mix = Mixtures.aniso16();
        int[] known = {0, 2, 3, 5, 8, 11, 12, 15};
        int[] unknown = {1, 4, 6, 7, 9, 10, 13, 14};
        // The marginal of the known coordinates: the sub-blocks of every component.
        double[][] muO = new double[2][];
        double[][][] cOO = new double[2][][];
        for (int k = 0; k < 2; k++) {
            muO[k] = pick(mix.mean(k), known);
            cOO[k] = block(mix.covariance(k), known, known);
        }
        GaussianMixture marginal = GaussianMixture.of(mix.weights(), muO, cOO);
        SplittableRandom rnd = new SplittableRandom(77);
        double[][] observed = mix.sample(5, rnd).points();
        for (double[] full : observed) {
            double[] y = pick(full, known);
            GaussianMixture cond = mix.conditional(known, y);
            assertEquals(unknown.length, cond.dim());
            assertEquals(2, cond.components());
            double logPy = marginal.logDensity(y);
            // Test points: draws from the conditional, the true hidden part, and far-off points.
            double[][] xs = cond.sample(10, rnd).points();
            xs = Arrays.copyOf(xs, 12);
            xs[10] = pick(full, unknown);
            xs[11] = new double[unknown.length];
            Arrays.fill(xs[11], 3);
            for (double[] xu : xs) {
                double[] x = new double[16];
                for (int j = 0; j < known.length; j++) {
                    x[known[j]] = y[j];
                }
                for (int j = 0; j < unknown.length; j++) {
                    x[unknown[j]] = xu[j];
                }
                double expected = mix.logDensity(x) - logPy;
                // Both sides are double-precision linear algebra on covariances with condition
                // number 40 (eigenvalues 0.05 to 2); log densities are O(10-100): 1e-9 relative.
                assertEquals(expected, cond.logDensity(xu), 1e-9 * (1 + Math.abs(expected)));
            }
            // The weights are the posterior of the component given y alone.
            assertArrayEquals(marginal.responsibilities(y), cond.weights(), 1e-12);
        }
    }

    @Test
    void gmm8ConditionalMatchesNumericalIntegration() {
        GaussianMixture mix = Mixtures.gmm8();
        double y = 2.0;
        GaussianMixture cond = mix.conditional(new int[] {0}, new double[] {y});
        assertEquals(1, cond.dim());
        // Z = p_0(y) = integral of p(y, u) du by the trapezoid rule on [-12, 12] with h = 1e-3: the
        // integrand is a sum of Gaussians with std 0.5 (spectral accuracy at 500 points per std)
        // that is < 1e-30 at the ends, so Z, the mean and the variance are exact to round-off
        // of ~2.4e4 terms (1e-12 relative); 1e-9 leaves room.
        double h = 1e-3;
        double z = 0;
        double m1 = 0;
        double m2 = 0;
        for (int i = 0; i <= 24_000; i++) {
            double u = -12 + i * h;
            double w = (i == 0 || i == 24_000 ? 0.5 : 1) * Math.exp(mix.logDensity(new double[] {y, u}));
            z += w;
            m1 += w * u;
            m2 += w * u * u;
        }
        z *= h;
        m1 *= h / z;
        m2 *= h / z;
        for (double u = -6; u <= 6; u += 0.37) {
            double expected = mix.logDensity(new double[] {y, u}) - Math.log(z);
            assertEquals(expected, cond.logDensity(new double[] {u}), 1e-9 * (1 + Math.abs(expected)), "u = " + u);
        }
        double[] mu = cond.mean();
        double var = cond.covariance()[0][0];
        assertEquals(m1, mu[0], 1e-9);
        assertEquals(m2 - m1 * m1, var, 1e-9);
        // Isotropic components: each conditional component keeps its x_1 law N(mu_k1, 0.25).
        for (int k = 0; k < 8; k++) {
            assertEquals(mix.mean(k)[1], cond.mean(k)[0], 1e-15);
            assertEquals(0.25, cond.covariance(k)[0][0], 1e-15);
        }
    }

    @Test
    void conditionalRejectsBadCoordinates() {
        GaussianMixture mix = Mixtures.gmm8();
        assertThrows(IllegalArgumentException.class, () -> mix.conditional(new int[] {0, 1}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> mix.conditional(new int[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> mix.conditional(new int[] {2}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> mix.conditional(new int[] {0}, new double[] {0, 1}));
        GaussianMixture m3 = GaussianMixture.of(new double[] {1}, new double[][] {{0, 0, 0}}, new double[][][] {identity(3)});
        assertThrows(IllegalArgumentException.class, () -> m3.conditional(new int[] {1, 1}, new double[] {0, 0}));
    }

    // ---- built-ins and files ------------------------------------------------------------------

    @Test
    void builtInsHaveTheDocumentedShape() {
        GaussianMixture gmm8 = Mixtures.gmm8();
        for (int k = 0; k < 8; k++) {
            double[] m = gmm8.mean(k);
            assertEquals(4, Math.hypot(m[0], m[1]), 1e-14);
            assertEquals(0.125, gmm8.weight(k), 1e-16);
        }
        GaussianMixture grid = Mixtures.grid25();
        assertEquals(25, grid.components());
        assertArrayEquals(new double[] {0.09, 0.09}, grid.eigen(3).values(), 1e-16);
        GaussianMixture aniso = Mixtures.aniso16();
        assertArrayEquals(new double[] {0.3, 0.7}, aniso.weights(), 1e-16);
        for (int k = 0; k < 2; k++) {
            double[] v = aniso.eigen(k).values();
            assertEquals(0.05, v[0], 1e-12);
            assertEquals(2, v[15], 1e-12);
        }
        // Deterministic: the rotation is seeded.
        assertArrayEquals(aniso.covariance(1)[3], Mixtures.aniso16().covariance(1)[3], 0);
        for (String name : Mixtures.BUILT_IN) {
            assertEquals(Mixtures.byNameOrFile(name).components(), switch (name) {
                case "gmm8" -> 8;
                case "grid25" -> 25;
                default -> 2;
            });
        }
    }

    @Test
    void saveThenLoadRoundTrips() throws IOException {
        for (GaussianMixture mix : new GaussianMixture[] {Mixtures.aniso16(), Mixtures.gmm8()}) {
            Path file = dir.resolve("mix" + mix.dim() + ".json");
            Mixtures.save(mix, file);
            for (GaussianMixture back : new GaussianMixture[] {Mixtures.load(file), Mixtures.byNameOrFile(file.toString())}) {
                assertEquals(mix.components(), back.components());
                // JSON doubles are written shortest-round-trip, so everything comes back bit-exact.
                assertArrayEquals(mix.weights(), back.weights(), 0);
                for (int k = 0; k < mix.components(); k++) {
                    assertArrayEquals(mix.mean(k), back.mean(k), 0);
                    for (int r = 0; r < mix.dim(); r++) {
                        assertArrayEquals(mix.covariance(k)[r], back.covariance(k)[r], 0);
                    }
                }
            }
        }
    }

    @Test
    void loadReportsBadFilesAsUserInput() throws IOException {
        String ok2 = "[[1, 0], [0, 1]]";
        assertLoadError("missing.json", "{\"weights\": [1], \"means\": [[0, 0]]}", "\"covariances\"");
        assertLoadError("malformed.json", "{\"weights\": [1], \"means\": [[0, 0]", "cannot read");
        assertLoadError("notjson.json", "weights: 1", "cannot read");
        assertLoadError("nullnumber.json",
                "{\"weights\": [1], \"means\": [[0, null]], \"covariances\": [" + ok2 + "]}", "cannot read");
        assertLoadError("unsym.json", "{\"weights\": [1, 1], \"means\": [[0, 0], [1, 1]], \"covariances\": [" + ok2
                + ", [[1, 0.5], [0.4, 1]]]}", "component 1 is not symmetric");
        assertLoadError("notpd.json", "{\"weights\": [1, 1], \"means\": [[0, 0], [1, 1]], \"covariances\": [[[1, 2], [2, 1]], "
                + ok2 + "]}", "component 0 is not positive definite");
        assertLoadError("shape.json", "{\"weights\": [1, 1], \"means\": [[0, 0]], \"covariances\": [" + ok2 + ", " + ok2 + "]}",
                "same length");
        assertLoadError("negative.json", "{\"weights\": [1, -1], \"means\": [[0, 0], [1, 1]], \"covariances\": [" + ok2
                + ", " + ok2 + "]}", "weight of component 1");
        // Missing rows (JSON null inside the nested arrays) must also be user errors, not crashes.
        assertLoadError("nullmean.json", "{\"weights\": [1, 1], \"means\": [[0, 0], null], \"covariances\": [" + ok2
                + ", " + ok2 + "]}", "component 1");
        assertLoadError("nullcov.json", "{\"weights\": [1, 1], \"means\": [[0, 0], [1, 1]], \"covariances\": [" + ok2
                + ", [[1, 0], null]]}", "component 1");
        assertLoadError("shortrow.json", "{\"weights\": [1, 1], \"means\": [[0, 0], [1, 1]], \"covariances\": [" + ok2
                + ", [[1, 0], []]]}", "component 1");
        assertLoadError("nullcovs.json", "{\"weights\": [1, 1], \"means\": [[0, 0], [1, 1]], \"covariances\": [" + ok2
                + ", null]}", "component 1");
        Path absent = dir.resolve("absent.json");
        UserInputException e = assertThrows(UserInputException.class, () -> Mixtures.load(absent));
        assertTrue(e.getMessage().contains("absent.json"), e.getMessage());
    }

    @Test
    void byNameOrFileListsTheBuiltIns() throws IOException {
        for (String bad : new String[] {"gmm9", "GMM8", dir.resolve("nope.json").toString()}) {
            UserInputException e = assertThrows(UserInputException.class, () -> Mixtures.byNameOrFile(bad));
            assertTrue(e.getMessage().contains("gmm8, grid25, aniso16") && e.getMessage().contains(bad), e.getMessage());
        }
        // An existing file that is not .json is not taken for a mixture file.
        Path txt = Files.writeString(dir.resolve("mix.txt"), "{}");
        assertThrows(UserInputException.class, () -> Mixtures.byNameOrFile(txt.toString()));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void assertLoadError(String name, String content, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        UserInputException e = assertThrows(UserInputException.class, () -> Mixtures.load(file), name);
        assertTrue(e.getMessage().contains(file.toString()), name + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), name + ": one-line message");
    }

    private static String assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e.getMessage();
    }

    /** Sample mean within 4.5 SE and sample covariance within 4.5 SE per entry (SE from the sample). */
    private static void assertMoments(double[][] x, double[] mu, double[][] cov, String what) {
        int n = x.length;
        int d = mu.length;
        double[] m = Moments.mean(x);
        double[][] c = Moments.covariance(x);
        for (int i = 0; i < d; i++) {
            // SE of a mean is sqrt(C_ii / n). 4.5 SE: over the ~150 entries per call the chance of a
            // false alarm is ~1e-3 per seed (and the seeds are fixed).
            assertEquals(mu[i], m[i], 4.5 * Math.sqrt(cov[i][i] / n), what + " mean " + i);
            for (int j = 0; j <= i; j++) {
                // SE of a covariance entry: sd of (x_i - m_i)(x_j - m_j) over sqrt(n).
                double s = 0;
                double s2 = 0;
                for (double[] row : x) {
                    double p = (row[i] - m[i]) * (row[j] - m[j]);
                    s += p;
                    s2 += p * p;
                }
                double se = Math.sqrt((s2 / n - sq(s / n)) / n);
                assertEquals(cov[i][j], c[i][j], 4.5 * se, what + " cov " + i + "," + j);
            }
        }
    }

    private static double[][] randomSpd(int d, SplittableRandom rnd) {
        double[][] b = new double[d][d];
        for (double[] row : b) {
            for (int j = 0; j < d; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    c[i][j] += b[i][k] * b[j][k];
                }
                c[i][j] /= d;
            }
            c[i][i] += 0.1;
        }
        return c;
    }

    private static double[][] identity(int d) {
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            c[i][i] = 1;
        }
        return c;
    }

    private static double[] pick(double[] v, int[] idx) {
        return Arrays.stream(idx).mapToDouble(i -> v[i]).toArray();
    }

    private static double[][] block(double[][] m, int[] rows, int[] cols) {
        double[][] b = new double[rows.length][cols.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                b[i][j] = m[rows[i]][cols[j]];
            }
        }
        return b;
    }

    private static double sq(double x) {
        return x * x;
    }
}
