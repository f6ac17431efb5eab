package io.github.scoresde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The discrete chains of SPEC §1 and their continuous limits. */
class DiscretizationTest {
    private static final VeSde VE = new VeSde(0.01, 50);
    private static final VpSde VP = new VpSde();
    private static final SubVpSde SUB_VP = new SubVpSde();
    private static final EdmSde EDM = new EdmSde();

    @Test
    void eachFamilyHasItsChain() {
        assertInstanceOf(NcsnDiscretization.class, VE.discretize(10));
        assertInstanceOf(DdpmDiscretization.class, VP.discretize(10));
        assertInstanceOf(EulerDiscretization.class, SUB_VP.discretize(10));
        assertInstanceOf(EulerDiscretization.class, EDM.discretize(10));
        for (Sde sde : List.of(VE, VP, SUB_VP, EDM)) {
            assertEquals(37, sde.discretize(37).steps());
            assertThrows(IllegalArgumentException.class, () -> sde.discretize(0));
        }
    }

    @Test
    void indexIsFloorOfTTimesNMinusOneClamped() {
        assertEquals(0, Discretization.index(0, 1, 10));
        assertEquals(4, Discretization.index(0.5, 1, 10)); // floor(4.5)
        assertEquals(9, Discretization.index(1, 1, 10));
        assertEquals(9, Discretization.index(1.2, 1, 10));
        assertEquals(0, Discretization.index(-0.1, 1, 10));
        assertEquals(4, Discretization.index(40, 80, 10)); // EDM: T = 80
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 10, 1000})
    void ncsnSigmasAreTheVeStdOnTheGrid(int n) {
        NcsnDiscretization chain = (NcsnDiscretization) VE.discretize(n);
        assertEquals(0, chain.sigma(-1), 0);
        for (int i = 0; i < n; i++) {
            double expected = VE.s(i / (n - 1.0));
            // exp(log smin + frac log r) vs smin r^frac: both exact to a few ulps of values <= 50.
            assertEquals(expected, chain.sigma(i), 1e-12 * expected, "sigma_" + i);
        }
        assertEquals(0.01, chain.sigma(0), 1e-15);
        assertEquals(50, chain.sigma(n - 1), 1e-12);
        for (int i = 0; i < n; i++) {
            double t = (i + 0.5) / (n - 1); // strictly inside bin i
            if (i == n - 1) {
                t = 1;
            }
            Discretization.ForwardStep step = chain.forwardStep(t);
            assertEquals(0, step.drift(), 0);
            double expected = sq(chain.sigma(i)) - sq(chain.sigma(i - 1));
            assertEquals(expected, sq(step.diffusion()), 1e-12 * expected, "G_i^2 = sigma_i^2 - sigma_{i-1}^2");
            assertEquals(1, chain.langevinAlpha(t), 0);
        }
    }

    @Test
    void ncsnForwardNoiseTendsToGSquaredDt() {
        // sigma_i^2 - sigma_{i-1}^2 = s(t_i)^2 (1 - r^(-2/(N-1))) with r = smax/smin, and
        // g^2(t_i) dt = 2 s(t_i)^2 ln r / (N-1); their ratio is (1 - e^-x)/x with x = 2 ln r/(N-1),
        // so the relative error is x/2 - O(x^2) = ln(r)/(N-1): 0.086 at N = 100, 1/10 of it per 10x.
        double prev = Double.NaN;
        for (int n : new int[] {100, 1000, 10000}) {
            Discretization chain = VE.discretize(n);
            double worst = 0;
            for (int i = 1; i < n; i++) {
                double t = i / (n - 1.0);
                double g2dt = VE.g2(t) / (n - 1);
                double diff2 = sq(chain.forwardStep(Math.min(1, (i + 0.5) / (n - 1))).diffusion());
                worst = Math.max(worst, Math.abs(diff2 - g2dt) / g2dt);
            }
            double bound = Math.log(5000) / (n - 1);
            assertTrue(worst <= bound, "N = " + n + ": relative error " + worst + " > " + bound);
            if (!Double.isNaN(prev)) {
                // First order: 10x the steps, ~10x smaller (8 to 12 allows the O(x^2) term).
                assertTrue(prev / worst > 8 && prev / worst < 12, "error ratio " + prev / worst);
            }
            prev = worst;
        }
    }

    @Test
    void ddpmAlphaBarConvergesToTheVpMeanScale() {
        // sqrt(alphabar_i) vs a(t_i) at the end of step i, t_i = (i + 1)/N. The chain is a
        // first-order scheme for d log a = -beta/2 dt (left-point betas, log(1 - beta) ~ -beta -
        // beta^2/2), so the error is C/N; C ~ 1.0 here (computed offline: 1.02, 0.993, 0.990 for
        // N = 1e2, 1e3, 1e4). The bound 2/N leaves a 2x margin, and the 10x-per-decade ratio
        // checks the order.
        double prev = Double.NaN;
        for (int n : new int[] {100, 1000, 10000}) {
            DdpmDiscretization chain = (DdpmDiscretization) VP.discretize(n);
            double worst = 0;
            double alphaBar = 1;
            for (int i = 0; i < n; i++) {
                alphaBar *= 1 - chain.beta(i);
                worst = Math.max(worst, Math.abs(Math.sqrt(alphaBar) - VP.a((i + 1.0) / n)));
            }
            assertEquals(alphaBar, chain.alphaBar(n - 1), 1e-14, "alphaBar(i) is the running product");
            assertTrue(worst <= 2.0 / n, "N = " + n + ": max |sqrt(alphabar) - a| = " + worst);
            if (!Double.isNaN(prev)) {
                assertTrue(prev / worst > 8 && prev / worst < 12, "error ratio " + prev / worst);
            }
            prev = worst;
        }
    }

    @Test
    void ddpmBetasFollowTheFormulaWhileItIsValid() {
        int n = 1000;
        DdpmDiscretization chain = (DdpmDiscretization) VP.discretize(n);
        for (int i = 0; i < n; i++) {
            double expected = 0.1 / n + i * 19.9 / (n * (n - 1.0));
            assertEquals(expected, chain.beta(i), 1e-15, "beta_" + i);
            // beta_i = beta(i/(N-1)) / N: the continuous rate at the grid time over N steps.
            assertEquals(VP.beta(i / (n - 1.0)) / n, chain.beta(i), 1e-15);
        }
        // N = 21 > bmax = 20 is still the formula: beta_{N-1} = bmax / N.
        DdpmDiscretization n21 = (DdpmDiscretization) VP.discretize(21);
        assertEquals(20.0 / 21, n21.beta(20), 1e-14);
    }

    @Test
    void ddpmForwardStepTendsToTheSdeCoefficients() {
        // At a time t in bin i the step uses beta_i = beta(t_i)/N, t_i = i/(N-1), with
        // |beta(t) - beta(t_i)| <= (bmax - bmin)/(N-1); and sqrt(1 - b) - 1 = -b/2 - b^2/8 - ...
        // with b <= bmax/N. Relative to the largest coefficient (bmax/N for g^2 dt, bmax/(2N) for
        // f dt) the errors are therefore <= 1/(N-1) for the noise and <= 1/(N-1) + b/4 * 1.2
        // <= 1/(N-1) + 6.1/N for the drift (b <= 0.2, and the series tail is < 20% of b^2/8).
        double prevDrift = Double.NaN;
        double prevNoise = Double.NaN;
        for (int n : new int[] {100, 1000, 10000}) {
            Discretization chain = VP.discretize(n);
            double dt = 1.0 / n;
            double worstDrift = 0;
            double worstNoise = 0;
            for (int k = 0; k <= 2000; k++) {
                double t = VP.eps() + (1 - VP.eps()) * k / 2000.0;
                Discretization.ForwardStep step = chain.forwardStep(t);
                worstDrift = Math.max(worstDrift, Math.abs(step.drift() - VP.f(t) * dt) / (0.5 * 20 * dt));
                worstNoise = Math.max(worstNoise, Math.abs(sq(step.diffusion()) - VP.g2(t) * dt) / (20 * dt));
            }
            double noiseBound = 1.0 / (n - 1);
            double driftBound = 1.0 / (n - 1) + 6.1 / n;
            assertTrue(worstNoise <= noiseBound, "N = " + n + ": noise error " + worstNoise);
            assertTrue(worstDrift <= driftBound, "N = " + n + ": drift error " + worstDrift);
            if (!Double.isNaN(prevDrift)) {
                // Both are first order: ~10x smaller per decade (6 to 14: the grid times sampled
                // fall at different offsets inside the bins for each N).
                assertTrue(prevDrift / worstDrift > 6 && prevDrift / worstDrift < 14, "drift ratio " + prevDrift / worstDrift);
                assertTrue(prevNoise / worstNoise > 6 && prevNoise / worstNoise < 14, "noise ratio " + prevNoise / worstNoise);
            }
            prevDrift = worstDrift;
            prevNoise = worstNoise;
        }
    }

    @Test
    void langevinAlphas() {
        int n = 50;
        DdpmDiscretization ddpm = (DdpmDiscretization) VP.discretize(n);
        Discretization subVp = SUB_VP.discretize(n);
        Discretization edm = EDM.discretize(n);
        for (int i = 0; i < n; i++) {
            double t = Math.min(1, (i + 0.5) / (n - 1));
            assertEquals(1 - ddpm.beta(i), ddpm.langevinAlpha(t), 0, "DDPM alpha_" + i);
            double dt = 1.0 / n;
            double ratio = SUB_VP.a(t) / SUB_VP.a(Math.max(0, t - dt));
            assertEquals(ratio * ratio, subVp.langevinAlpha(t), 1e-15, "sub-VP alpha at " + t);
            // (a_i/a_{i-1})^2 = exp(2 (m(t) - m(t - dt))) < 1 for the contracting VP-type drift.
            assertTrue(subVp.langevinAlpha(t) < 1);
            assertEquals(1, edm.langevinAlpha(t * EDM.tMax()), 0, "EDM: a = 1");
        }
        // The two VP-type alphas agree to first order: 1 - beta(t)/N + O(1/N^2) both. At N = 1e4 the
        // difference is <= (bmax - bmin)/(N (N-1)) + bmax^2/N^2 ~ 6e-6; check 1e-5.
        int big = 10000;
        Discretization d1 = VP.discretize(big);
        Discretization d2 = new EulerDiscretization(VP, big);
        for (double t = 0.01; t < 1; t += 0.0937) {
            assertEquals(d1.langevinAlpha(t), d2.langevinAlpha(t), 1e-5, "alpha at " + t);
        }
    }

    @Test
    void ancestralRulesExistForVeAndVpOnly() {
        for (int n : new int[] {1, 10, 1000}) {
            assertTrue(VE.discretize(n).ancestral(0.5).isPresent());
            assertTrue(VP.discretize(n).ancestral(0.5).isPresent());
            assertFalse(SUB_VP.discretize(n).ancestral(0.5).isPresent());
            assertFalse(EDM.discretize(n).ancestral(40).isPresent());
        }
    }

    @Test
    void ancestralStepsKeepExactMarginals() {
        // VE with data = a point mass at 0: x_i ~ N(0, sigma_i^2), score = -x / sigma_i^2. One
        // ancestral step must give N(0, sigma_{i-1}^2): meanScale (1 - scoreScale/sigma_i^2) x + noise
        // has variance meanScale^2 (1 - scoreScale/sigma_i^2)^2 sigma_i^2 + noiseStd^2.
        int n = 20;
        NcsnDiscretization ve = (NcsnDiscretization) VE.discretize(n);
        for (int i = 0; i < n; i++) {
            double t = Math.min(1, (i + 0.5) / (n - 1));
            Discretization.AncestralStep step = ve.ancestral(t).orElseThrow();
            double s2 = sq(ve.sigma(i));
            double var = sq(step.meanScale() * (1 - step.scoreScale() / s2)) * s2 + sq(step.noiseStd());
            assertEquals(sq(ve.sigma(i - 1)), var, 1e-12 * s2, "VE variance after step " + i);
        }
        // VP with data N(0, I): x_i ~ N(0, 1) for all i and score = -x; the step must keep N(0, 1).
        for (int m : new int[] {10, 100}) { // the fallback chain and the formula
            Discretization vp = VP.discretize(m);
            for (int i = 0; i < m; i++) {
                double t = Math.min(1, (i + 0.5) / (m - 1));
                Discretization.AncestralStep step = vp.ancestral(t).orElseThrow();
                double var = sq(step.meanScale() * (1 - step.scoreScale())) + sq(step.noiseStd());
                assertEquals(1, var, 1e-12, "VP variance after step " + i + " of " + m);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 10, 20})
    void coarseChainsStayFinite(int n) {
        for (Sde sde : List.of(VE, VP, SUB_VP, EDM)) {
            Discretization chain = sde.discretize(n);
            for (int k = 0; k <= 100; k++) {
                double t = sde.eps() + (sde.tMax() - sde.eps()) * k / 100.0;
                Discretization.ForwardStep step = chain.forwardStep(t);
                String where = sde.name() + " N = " + n + " t = " + t;
                assertTrue(Double.isFinite(step.drift()) && Double.isFinite(step.diffusion()), where);
                assertTrue(step.diffusion() >= 0, where);
                double alpha = chain.langevinAlpha(t);
                assertTrue(Double.isFinite(alpha) && alpha > 0 && alpha <= 1, where + " alpha " + alpha);
                Optional<Discretization.AncestralStep> anc = chain.ancestral(t);
                anc.ifPresent(a -> assertTrue(Double.isFinite(a.meanScale()) && Double.isFinite(a.scoreScale())
                        && Double.isFinite(a.noiseStd()), where + " " + a));
            }
        }
        DdpmDiscretization ddpm = (DdpmDiscretization) VP.discretize(n);
        double product = 1;
        // Round-off: alpha_i = 1 - beta_i is recovered from a stored beta_i, which loses
        // ulp(1)/alpha_i relative (at N = 1, alpha = 4.3e-5: 5e-12); these add up over the product.
        double roundOff = 1e-14;
        for (int i = 0; i < n; i++) {
            assertTrue(ddpm.beta(i) > 0 && ddpm.beta(i) < 1, "beta_" + i + " = " + ddpm.beta(i) + " at N = " + n);
            product *= 1 - ddpm.beta(i);
            roundOff += 4 * Math.ulp(1.0) / (1 - ddpm.beta(i));
            // N <= bmax = 20 uses the fallback, whose alphas telescope: alphabar_i = a((i+1)/N)^2,
            // and at i = N-1 that is a(1)^2 = exp(-10.05), what the continuous SDE reaches.
            double ai = VP.a((i + 1.0) / n);
            assertEquals(ai * ai, ddpm.alphaBar(i), roundOff * ai * ai, "alphabar_" + i + " at N = " + n);
        }
        double a1 = VP.a(1);
        assertEquals(a1 * a1, product, roundOff * a1 * a1, "prod alpha at N = " + n);
        assertEquals(product, ddpm.alphaBar(n - 1), 0);
    }

    private static double sq(double x) {
        return x * x;
    }
}
