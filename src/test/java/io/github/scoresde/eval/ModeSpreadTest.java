package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The within-mode variance against a hand computation. */
class ModeSpreadTest {
    @Test
    void meanSquaredDistanceToTheAssignedModePerDimension() {
        double[][] means = {{0, 0}, {10, 0}};
        double[][] x = {{1, 1}, {0, 2}, {10, 0}, {13, 4}};
        // Per point ||x - mu||^2 / 2: 1, 2, 0, 12.5; mean 3.875; sample variance of those
        // (1 + 4 + 0 + 156.25 - 4 * 3.875^2) / 3 = 33.729..., se = sqrt(33.729... / 4).
        double[] got = ModeSpread.of(x, p -> p[0] < 5 ? 0 : 1, k -> means[k]);
        double var = (1 + 4 + 0 + 156.25 - 4 * 3.875 * 3.875) / 3;
        assertArrayEquals(new double[] {3.875, Math.sqrt(var / 4)}, got, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ModeSpread.of(new double[][] {{1, 1}}, p -> 0, k -> means[k]));
    }
}
