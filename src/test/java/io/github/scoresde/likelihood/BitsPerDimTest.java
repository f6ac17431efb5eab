package io.github.scoresde.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.UserInputException;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.train.data.PixelScaling;
import org.junit.jupiter.api.Test;

/** Bits per dimension, its data-scaling offset, dequantization and the mean's standard error. */
class BitsPerDimTest {
    private static final int D = 784;

    @Test
    void uniformDensityOverThePixelCubeIsEightBits() {
        // The uniform density on the data range [low, high]^D assigns each 8-bit image
        // probability 256^-D, i.e. exactly 8 bits per dimension, whatever the scaling:
        // log p_s = -D ln(high - low).
        for (PixelScaling scaling : new PixelScaling[] {PixelScaling.SYMMETRIC, new PixelScaling(0, 1), new PixelScaling(-3, 5)}) {
            double logP = -D * Math.log(scaling.high() - scaling.low());
            assertEquals(8, BitsPerDim.of(logP, D, scaling), 1e-12, scaling.toString());
        }
    }

    @Test
    void offsetFollowsTheDataScaling() {
        // The same images seen on [0, 1] and on [-1, 1]: the density in [-1, 1] units is 2^-D
        // times the one in [0, 1] units, and the bpd must not change (SPEC §5, -log2(a) term).
        double logP01 = -1234.5;
        double logPSym = logP01 - D * Math.log(2);
        assertEquals(BitsPerDim.of(logP01, D, new PixelScaling(0, 1)), BitsPerDim.of(logPSym, D, PixelScaling.SYMMETRIC), 1e-12);
        assertEquals(-logP01 / (D * Math.log(2)) + 8, BitsPerDim.of(logP01, D, new PixelScaling(0, 1)), 1e-12);
    }

    @Test
    void dequantizationFillsEachPixelBin() {
        try (NDManager m = NDManager.newBaseManager()) {
            int n = 4096;
            float[] pixels = new float[n];
            for (int i = 0; i < n; i++) {
                pixels[i] = (float) PixelScaling.SYMMETRIC.toData(i % 256);
            }
            NDArray data = m.create(pixels, new Shape(16, 256));
            double[] out = Dequantizer.dequantize(data, PixelScaling.SYMMETRIC, new Rng(4)).toType(DataType.FLOAT64, false).toDoubleArray();
            double meanOffset = 0;
            for (int i = 0; i < n; i++) {
                // x_s = -1 + 2 (k + u) / 256 with u in [0, 1): the offset (x_s + 1) 128 - k is u.
                double u = (out[i] + 1) * 128 - (i % 256);
                assertTrue(u >= -1e-4 && u <= 1 + 1e-4, "offset " + u + " outside the bin at " + i);
                meanOffset += u / n;
            }
            // Mean of 4096 uniforms: standard error sqrt(1/12 / 4096) = 0.0045; 4 SE.
            assertEquals(0.5, meanOffset, 0.018);
        }
    }

    @Test
    void dequantizationRefusesContinuousData() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = m.create(new float[] {0.1234f, -1f}, new Shape(1, 2));
            UserInputException e = assertThrows(UserInputException.class, () -> Dequantizer.dequantize(data, PixelScaling.SYMMETRIC, new Rng(1)));
            assertTrue(e.getMessage().contains("8-bit"), e.getMessage());
            NDArray outside = m.create(new float[] {3f}, new Shape(1, 1));
            assertThrows(UserInputException.class, () -> Dequantizer.dequantize(outside, PixelScaling.SYMMETRIC, new Rng(1)));
        }
    }

    @Test
    void meanEstimateHasTheTextbookStandardError() {
        MeanEstimate e = MeanEstimate.of(new double[] {1, 2, 3, 4});
        assertEquals(2.5, e.mean(), 1e-15);
        // Sample variance 5/3, standard error sqrt(5/3 / 4).
        assertEquals(Math.sqrt(5.0 / 12), e.standardError(), 1e-15);
        assertEquals(4, e.count());
        assertTrue(Double.isNaN(MeanEstimate.of(new double[] {7}).standardError()));
    }
}
