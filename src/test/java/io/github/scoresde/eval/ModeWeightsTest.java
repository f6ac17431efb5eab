package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class ModeWeightsTest {
    private static final ToIntFunction<double[]> BY_SIGN = p -> p[0] < 0 ? 0 : 1;

    @Test
    void countsFractionsPerMode() {
        double[][] x = {{-1, 0}, {-2, 5}, {3, 0}, {-0.5, 1}};
        // 3 of 4 points have x < 0; fractions of 4 are exact in binary.
        assertArrayEquals(new double[] {0.75, 0.25, 0}, ModeWeights.of(x, BY_SIGN, 3), 0.0);
    }

    @Test
    void errorsBetweenWeightVectors() {
        double[] w = {0.5, 0.3, 0.2};
        double[] t = {0.25, 0.25, 0.5};
        // |diffs| = 0.25, 0.05, 0.3; tolerances are rounding only.
        assertEquals(0.3, ModeWeights.maxAbsError(w, t), 1e-15);
        assertEquals(0.3, ModeWeights.totalVariation(w, t), 1e-15);
        assertEquals(0.0, ModeWeights.totalVariation(t, t), 0.0);
    }

    @Test
    void binomialStandardError() {
        assertEquals(0.05, ModeWeights.binomialStdErr(0.5, 100), 1e-15); // sqrt(0.25 / 100)
        assertEquals(0.0, ModeWeights.binomialStdErr(1, 10), 0.0);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModeWeights.of(new double[][] {{1}, {-1}}, p -> 2, 2));
        assertEquals("assign returned 2 for row 0 but modes are in [0, 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModeWeights.of(new double[0][], BY_SIGN, 2));
        assertEquals("points have no rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModeWeights.totalVariation(new double[2], new double[3]));
        assertEquals("weights have 2 modes but target has 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModeWeights.binomialStdErr(1.5, 10));
        assertEquals("p must be in [0, 1] but was 1.5", e.getMessage());
    }
}
