package io.github.scoresde.condition.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.tensor.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The image operators do what their names say, and the separable SVD (Kronecker product of the
 * factors' SVDs) agrees with the dense one of the same matrix.
 */
class OperatorsTest {
    @Test
    void poolingAveragesBlocks() {
        try (NDManager nd = NDManager.newBaseManager()) {
            LinearMeasurement h = Operators.averagePooling(new Shape(1, 4, 4), 2);
            NDArray x = nd.arange(16f).reshape(1, 1, 4, 4).toType(DataType.FLOAT64, false);
            assertArrayEquals(new double[] {2.5, 4.5, 10.5, 12.5}, h.measure(x).toDoubleArray());
            // H^+ y of pooling repeats each block mean over its block.
            double[] up = h.pseudoInverse(h.measure(x)).toDoubleArray();
            assertEquals(2.5, up[0], 1e-12);
            assertEquals(2.5, up[5], 1e-12);
            assertEquals(12.5, up[15], 1e-12);
        }
    }

    @Test
    void blurKeepsConstantsAndSmooths() {
        try (NDManager nd = NDManager.newBaseManager()) {
            LinearMeasurement h = Operators.gaussianBlur(new Shape(1, 9, 9), 1.0);
            NDArray ones = nd.ones(new Shape(1, 1, 9, 9), DataType.FLOAT64);
            assertTrue(h.measure(ones).sub(1).abs().max().getDouble() < 1e-12, "a constant image stays constant");
            NDArray spike = nd.zeros(new Shape(1, 81), DataType.FLOAT64);
            spike.set(new ai.djl.ndarray.index.NDIndex(0, 40), 1.0);
            double[] blurred = h.measure(spike.reshape(1, 1, 9, 9)).toDoubleArray();
            double g = Math.exp(-0.5);
            double norm = 1 + 2 * g + 2 * Math.exp(-2) + 2 * Math.exp(-4.5);
            assertEquals(1 / (norm * norm), blurred[40], 1e-12, "centre weight of the separable kernel");
            assertEquals(g / (norm * norm), blurred[41], 1e-12, "one pixel over");
        }
    }

    @Test
    void grayLevelIsTheChannelMean() {
        try (NDManager nd = NDManager.newBaseManager()) {
            LinearMeasurement h = Operators.grayLevel(new Shape(3, 2, 2));
            NDArray x = nd.arange(12f).reshape(1, 3, 2, 2).toType(DataType.FLOAT64, false);
            assertArrayEquals(new double[] {4, 5, 6, 7}, h.measure(x).toDoubleArray());
            assertEquals(4, h.rank());
            assertThrows(IllegalArgumentException.class, () -> Operators.grayLevel(new Shape(1, 2, 2)));
        }
    }

    @Test
    void separableSvdMatchesTheDenseOne() {
        for (LinearMeasurement separable : new LinearMeasurement[] {
            Operators.averagePooling(new Shape(2, 6, 6), 3), Operators.gaussianBlur(new Shape(1, 7, 5), 0.8)}) {
            LinearMeasurement dense = separable.withSampleShape(separable.sampleShape());
            double[] a = separable.singularValues();
            double[] b = dense.singularValues();
            Arrays.sort(a);
            Arrays.sort(b);
            assertEquals(b.length, a.length, "rank");
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-9, "singular value " + i);
            }
            try (NDManager nd = NDManager.newBaseManager()) {
                NDArray x = new Rng(1).normal(nd, new Shape(3).addAll(separable.sampleShape()), DataType.FLOAT64);
                NDArray y = separable.measure(x);
                assertTrue(y.sub(dense.measure(x)).abs().max().getDouble() < 1e-12, "same H");
                NDArray p = separable.pseudoInverse(y).sub(dense.pseudoInverse(y)).abs().max();
                assertTrue(p.getDouble() < 1e-6, "same pseudo-inverse: " + p.getDouble());
                NDArray back = separable.measure(separable.pseudoInverse(y)).sub(y).abs().max();
                assertTrue(back.getDouble() < 1e-8, "H H^+ y = y for y in the range: " + back.getDouble());
                NDArray split = separable.nullPart(x).add(separable.fromSpectral(separable.toSpectral(x))).sub(x).abs().max();
                assertTrue(split.getDouble() < 1e-12, "x = null part + V V^T x");
            }
        }
    }

    @Test
    void refusesFactorsThatDoNotDivideTheImage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Operators.averagePooling(new Shape(1, 28, 28), 3));
        assertTrue(e.getMessage().contains("does not divide"), e.getMessage());
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 1e-12);
    }
}
