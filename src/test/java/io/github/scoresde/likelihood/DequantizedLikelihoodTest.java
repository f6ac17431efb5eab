package io.github.scoresde.likelihood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.sample.ode.DormandPrince45;
import io.github.scoresde.sample.ode.Tolerances;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.testing.Oracle;
import io.github.scoresde.train.data.PixelScaling;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bits per dimension averaged over several dequantization draws, on the 784-D Gaussian of {@link HighDimensionalBpdTest}. */
class DequantizedLikelihoodTest {
    private static final int D = 784;
    private static final int IMAGES = 16;
    private static final int DRAWS = 3;

    @Test
    void kDrawsAgreeWithTheClosedFormOfTheSameDraws() {
        GaussianMixture gaussian = HighDimensionalBpdTest.pairwiseCorrelated(new SplittableRandom(784));
        try (NDManager m = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(gaussian, new VpSde(), m)) {
            NDArray images = Oracle.array(m, HighDimensionalBpdTest.quantized(gaussian.sample(IMAGES, new SplittableRandom(5)).points()),
                    DataType.FLOAT32);
            // The closed form of each draw: the same generator gives the same draws, in order.
            Rng replay = new Rng(7);
            double[][] perDraw = new double[DRAWS][];
            double[] closedForm = new double[IMAGES];
            for (int d = 0; d < DRAWS; d++) {
                NDArray x = Dequantizer.dequantize(images, PixelScaling.SYMMETRIC, replay);
                perDraw[d] = BitsPerDim.of(LikelihoodOracle.logDensity(model, model.sde().eps(), x), D, PixelScaling.SYMMETRIC);
                for (int i = 0; i < IMAGES; i++) {
                    closedForm[i] += perDraw[d][i] / DRAWS;
                }
            }
            DormandPrince45 solver = new DormandPrince45(Tolerances.of(1e-5, 1e-5));
            ProbabilityFlowLikelihood likelihood = new ProbabilityFlowLikelihood(model, solver,
                    new HutchinsonDivergence(ProbeDistribution.RADEMACHER, 4, new Rng(3)));
            DequantizedLikelihood.Result r = new DequantizedLikelihood(likelihood, PixelScaling.SYMMETRIC, DRAWS).evaluate(images, new Rng(7));
            ProbabilityFlowLikelihood single = new ProbabilityFlowLikelihood(model, solver,
                    new HutchinsonDivergence(ProbeDistribution.RADEMACHER, 4, new Rng(3)));
            DequantizedLikelihood.Result one = new DequantizedLikelihood(single, PixelScaling.SYMMETRIC, 1).evaluate(images, new Rng(7));

            double meanGap = Math.abs(MeanEstimate.of(r.bpd()).mean() - MeanEstimate.of(closedForm).mean());
            double maxGap = LikelihoodOracle.maxAbsDifference(r.bpd(), closedForm);
            double spread = LikelihoodOracle.maxAbsDifference(perDraw[0], perDraw[1]);
            System.out.printf("784-D bpd over %d draws: mean gap %.2g, max per-image gap %.3g, closed-form spread between two draws %.3g,"
                    + " nfe %d%n", DRAWS, meanGap, maxGap, spread, r.nfe());
            // HighDimensionalBpdTest measures 0.015 bpd per image per draw of Hutchinson noise
            // with 4 probes; over 3 draws ~0.009 per image, ~0.002 for the mean of 16 images. So
            // 0.01 for the mean is ~4 standard errors, 0.04 per image ~4.5 standard deviations.
            assertTrue(meanGap < 0.01, "mean bpd gap " + meanGap);
            assertTrue(maxGap < 0.04, "per-image bpd gap " + maxGap);
            // Draw 0 is the single-draw run (same noise, same probes); the others are new draws
            // (their closed forms differ), and the result is their mean.
            assertArrayEquals(one.logLikelihood(), r.draws()[0], 0);
            assertTrue(spread > 0, "distinct dequantization draws");
            for (int i = 0; i < IMAGES; i++) {
                double mean = (r.draws()[0][i] + r.draws()[1][i] + r.draws()[2][i]) / DRAWS;
                assertEquals(mean, r.logLikelihood()[i], 1e-9 * Math.abs(mean));
                assertEquals(BitsPerDim.of(r.logLikelihood()[i], D, PixelScaling.SYMMETRIC), r.bpd()[i], 1e-9, "bpd of the mean log-likelihood");
                assertTrue(r.draws()[1][i] != r.draws()[0][i] && r.draws()[2][i] != r.draws()[1][i], "draws differ for image " + i);
            }
            assertTrue(r.nfe() > one.nfe(), "three solves cost more than one: " + r.nfe() + " vs " + one.nfe());
            assertThrows(IllegalArgumentException.class, () -> new DequantizedLikelihood(likelihood, PixelScaling.SYMMETRIC, 0));
        }
    }

    @Test
    void drawsLeaveNoArraysBehind() {
        GaussianMixture gaussian = GaussianMixture.of(new double[] {1}, new double[][] {{0, 0.5}}, new double[][][] {{{0.2, 0.05}, {0.05, 0.1}}});
        try (NDManager base = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(gaussian, new VpSde(), base)) {
            DequantizedLikelihood likelihood = new DequantizedLikelihood(new ProbabilityFlowLikelihood(model,
                    new DormandPrince45(Tolerances.of(1e-3, 1e-3)), new HutchinsonDivergence(ProbeDistribution.RADEMACHER, new Rng(1))),
                    PixelScaling.SYMMETRIC, 4);
            try (NDManager m = base.newSubManager()) {
                NDArray images = Oracle.array(m, HighDimensionalBpdTest.quantized(gaussian.sample(64, new SplittableRandom(2)).points()),
                        DataType.FLOAT32);
                int initial = m.getManagedArrays().size();
                int baseline = base.getManagedArrays().size();
                for (int call = 0; call < 25; call++) {
                    likelihood.evaluate(images, Rng.forStep(9, call));
                }
                // 25 calls x 4 draws, each a full solve: only the input remains.
                assertEquals(initial, m.getManagedArrays().size());
                assertEquals(baseline, base.getManagedArrays().size());
            }
        }
    }
}
