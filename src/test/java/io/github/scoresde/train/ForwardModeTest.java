package io.github.scoresde.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.model.Parameterization;
import io.github.scoresde.model.net.ForwardDifferentiable;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.testing.Oracle;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The MLP's forward-mode Jacobian-vector product against autograd and finite differences. */
class ForwardModeTest {
    private static final int B = 256;

    static Stream<Parameterization> parameterizations() {
        return Stream.of(new Parameterization.Noise(2.9), new Parameterization.Data(2.9), new Parameterization.Score(2.9),
                new Parameterization.Edm(2.9));
    }

    /** u^T (J v) = (J^T u)^T v per sample, J^T u from reverse-mode autograd; checks every reading's linearity too. */
    @ParameterizedTest
    @MethodSource("parameterizations")
    void jvpIsTheAdjointOfAutogradsVjp(Parameterization parameterization) {
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 64, DataType.FLOAT32, parameterization);
            NDArray x = data(m, DataType.FLOAT32);
            NDArray t = times(m, DataType.FLOAT32);
            NDArray u = new Rng(3).normal(m, x.getShape(), DataType.FLOAT32);
            NDArray v = new Rng(4).normal(m, x.getShape(), DataType.FLOAT32);
            double[] forward = rowSums(model.scoreWithJvp(x, t, v.expandDims(0), false).tangents().squeeze(0).mul(u));
            NDArray vjp;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                x.setRequiresGradient(true);
                collector.backward(model.score(x, t, true).mul(u).sum());
                vjp = x.getGradient().duplicate();
            }
            double[] reverse = rowSums(vjp.mul(v));
            double scale = 0;
            double error = 0;
            for (int i = 0; i < B; i++) {
                scale = Math.max(scale, Math.abs(reverse[i]));
                error = Math.max(error, Math.abs(forward[i] - reverse[i]));
            }
            // Two float32 evaluation orders of the same sums: measured max error 3e-7 to 2e-6 of the
            // largest term across the readings (the terms reach ~1e4 at small t).
            assertTrue(error < 1e-5 * scale, parameterization + ": max |u^T J v - (J^T u)^T v| " + error + " of " + scale);
        }
    }

    /** In float64 the central difference approaches the exact v^T J v as h^2. */
    @Test
    void finiteDifferenceConvergesToTheJvpAsHSquared() {
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 64, DataType.FLOAT64, new Parameterization.Edm(2.9));
            NDArray x = data(m, DataType.FLOAT64);
            NDArray t = times(m, DataType.FLOAT64);
            NDArray v = new Rng(4).normal(m, x.getShape(), DataType.FLOAT64).sign();
            double[] exact = SlicedScoreMatching.JacobianTerm.forwardMode().evaluate(model, x, t, v).vJv().toDoubleArray();
            double[] errors = new double[3];
            for (int k = 0; k < errors.length; k++) {
                double h = 1e-1 * Math.pow(10, -k);
                double[] fd = SlicedScoreMatching.JacobianTerm.finiteDifference(h).evaluate(model, x, t, v).vJv().toDoubleArray();
                errors[k] = relativeError(fd, exact);
            }
            // O(h^2): a 10x smaller h cuts the error ~100x (measured ratios ~100 and ~100; errors
            // 1e-3, 1e-5, 1e-7 relative); float64 round-off (~1e-16 / h) is far below.
            assertTrue(errors[1] < errors[0] / 50 && errors[2] < errors[1] / 50, java.util.Arrays.toString(errors));
        }
    }

    /** tr(grad_x s) from the stacked tangents e_1..e_D equals the sum of D autograd partials ds_j / dx_j. */
    @Test
    void exactScoreMatchingTraceMatchesAutograd() {
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 64);
            NDArray x = data(m, DataType.FLOAT32);
            double sigma = 0.05;
            NDArray t = m.ones(new Shape(B)).muli(model.sde().timeOfSigma(sigma));
            double[] loss = new ExactScoreMatching(sigma).loss(model, x, new Rng(5)).toType(DataType.FLOAT64, false).toDoubleArray();
            double[] norms = rowSums(model.score(x, t, false).square());
            double[] trace = new double[B];
            for (int j = 0; j < 2; j++) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray xj = x.add(0);
                    xj.setRequiresGradient(true);
                    collector.backward(model.score(xj, t, true).get(":, " + j).sum());
                    double[] grad = column(xj.getGradient(), j);
                    for (int i = 0; i < B; i++) {
                        trace[i] += grad[i];
                    }
                }
            }
            double scale = 0;
            double error = 0;
            for (int i = 0; i < B; i++) {
                double expected = trace[i] + 0.5 * norms[i];
                scale = Math.max(scale, Math.abs(expected));
                error = Math.max(error, Math.abs(loss[i] - expected));
            }
            // float32 round-off of the same derivatives: measured 5e-8 of the largest loss (~9e3,
            // dominated by ||s||^2 / 2 of the untrained network at sigma = 0.05).
            assertTrue(error < 1e-5 * scale, "max error " + error + " of " + scale);
        }
    }

    @Test
    void exactScoreMatchingRefusesHighDimensions() {
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 8);
            NDArray x = m.zeros(new Shape(4, 65));
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new ExactScoreMatching(0.05).loss(model, x, new Rng(1)));
            assertTrue(e.getMessage().contains("65"), e.getMessage());
        }
    }

    private static NDArray data(NDManager m, DataType type) {
        return Oracle.array(m, Mixtures.gmm8().sample(B, new SplittableRandom(1)).points(), type);
    }

    /** Times spread over (0.01, 1), so a(t) and sigma vary across the batch. */
    private static NDArray times(NDManager m, DataType type) {
        double[] t = new SplittableRandom(2).doubles(B, 0.01, 1).toArray();
        return m.create(t).toType(type, false);
    }

    private static double[] rowSums(NDArray x) {
        return x.sum(new int[] {1}).toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private static double[] column(NDArray x, int j) {
        return x.get(":, " + j).toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private static double relativeError(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        assertEquals(a.length, b.length);
        return Math.sqrt(num / den);
    }
}
