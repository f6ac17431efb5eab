package io.github.scoresde.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.sde.EdmSde;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.sde.SubVpSde;
import io.github.scoresde.sde.VeSde;
import io.github.scoresde.sde.VpSde;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The prior log density that closes every likelihood, against the hand formula
 * log N(x; 0, sigma^2 I) = -|x|^2 / (2 sigma^2) - (D/2) ln(2 pi sigma^2) with each SDE's prior
 * standard deviation from Song et al. 2021 (sigma_max for VE, 1 for VP and sub-VP; sigma_max for
 * EDM), on [B, C, H, W] batches so the per-sample reduction over all non-batch axes is checked.
 */
class PriorLogDensityTest {
    static Object[][] cases() {
        return new Object[][] {{new VeSde(), 50.0}, {new VpSde(), 1.0}, {new SubVpSde(), 1.0}, {new EdmSde(), 80.0}};
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheGaussianFormula(Sde sde, double std) {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] values = {0.5, -1.5, 2, 0, 3, -4, 0.25, 1, -7, 6, 0.1, 5};
            NDArray x = m.create(values, new Shape(2, 1, 2, 3));
            double[] got = sde.prior().logDensity(x).toDoubleArray();
            for (int b = 0; b < 2; b++) {
                double squares = 0;
                for (int j = 0; j < 6; j++) {
                    squares += values[6 * b + j] * values[6 * b + j];
                }
                double expected = -squares / (2 * std * std) - 3 * Math.log(2 * Math.PI * std * std);
                assertEquals(expected, got[b], 1e-12 * Math.abs(expected), sde.name() + " sample " + b);
            }
        }
    }
}
