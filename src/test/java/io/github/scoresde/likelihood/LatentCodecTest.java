package io.github.scoresde.likelihood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sample.ode.DormandPrince45;
import io.github.scoresde.sample.ode.OdeSolver;
import io.github.scoresde.sample.ode.Tolerances;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.sde.SubVpSde;
import io.github.scoresde.sde.VeSde;
import io.github.scoresde.sde.VpSde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoding and decoding through the probability-flow ODE, and slerp of latents. */
class LatentCodecTest {
    static Sde[] sdes() {
        return new Sde[] {new VeSde(), new VpSde(), new SubVpSde()};
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void decodeInvertsEncode(Sde sde) {
        OdeSolver solver = new DormandPrince45(Tolerances.of(1e-7, 1e-7));
        try (NDManager m = NDManager.newBaseManager(); ExactMixtureModel model = new ExactMixtureModel(Mixtures.gmm8(), sde, m)) {
            NDArray x = LikelihoodOracle.samplesAtEps(model, 64, DataType.FLOAT64, m, 9);
            LatentCodec codec = new LatentCodec(model, solver);
            NDArray latent = codec.encode(x).x();
            NDArray back = codec.decode(latent).x();
            double error = back.sub(x).abs().max().getDouble();
            // The same latent as the likelihood's x_T (same solver, same start): the x part of
            // the augmented ODE does not depend on Delta. Only the step sizes differ (the error
            // norm also sees Delta), so they agree to the tolerance, not bitwise.
            NDArray fromLikelihood = new ProbabilityFlowLikelihood(model, solver, new ExactDivergence()).logLikelihood(x).latent();
            double latentGap = fromLikelihood.sub(latent).abs().max().getDouble() / latent.abs().max().getDouble();
            System.out.printf("%s: max |decode(encode(x)) - x| %.3g, relative latent gap %.3g%n", sde.name(), error, latentGap);
            // Measured 1e-6 (VE) and below; the round trip integrates twice at rtol 1e-7 over
            // a flow that expands x by up to s(T)/s(eps) (5000x under VE) and contracts it back.
            assertTrue(error < 1e-4, "round-trip error " + error);
            assertTrue(latentGap < 1e-4, "latent gap " + latentGap);
        }
    }

    @Test
    void slerpKeepsEndpointsAndFollowsTheGreatCircle() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z0 = m.create(new double[] {3, 0, 0, 0, 2, 2}, new Shape(2, 3));
            NDArray z1 = m.create(new double[] {0, 3, 0, 0, 2, 2}, new Shape(2, 3));
            assertArrayEquals(z0.toDoubleArray(), Slerp.interpolate(z0, z1, 0).toDoubleArray(), 1e-12);
            assertArrayEquals(z1.toDoubleArray(), Slerp.interpolate(z0, z1, 1).toDoubleArray(), 1e-12);
            // Orthogonal pair: halfway is (z0 + z1) / sqrt(2), norm kept at 3; the parallel pair
            // (second row) falls back to the straight line, i.e. stays put.
            double h = 3 / Math.sqrt(2);
            assertArrayEquals(new double[] {h, h, 0, 0, 2, 2}, Slerp.interpolate(z0, z1, 0.5).toDoubleArray(), 1e-12);
            // A third of the way along the quarter circle: angle 30 degrees.
            double[] third = Slerp.interpolate(z0, z1, 1.0 / 3).toDoubleArray();
            assertEquals(3 * Math.cos(Math.PI / 6), third[0], 1e-12);
            assertEquals(3 * Math.sin(Math.PI / 6), third[1], 1e-12);
            assertThrows(IllegalArgumentException.class, () -> Slerp.interpolate(z0, z1, 1.5));
        }
    }
}
