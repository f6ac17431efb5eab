package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InceptionScoreTest {

    @Test
    void uniformProbabilitiesScoreOne() {
        double[][] p = new double[50][10];
        for (double[] row : p) {
            Arrays.fill(row, 0.1);
        }
        assertEquals(1, InceptionScore.of(p), 1e-12);
    }

    @Test
    void confidentBalancedPredictionsScoreTheNumberOfClasses() {
        int k = 7;
        double[][] p = new double[3 * k][k];
        for (int i = 0; i < p.length; i++) {
            p[i][i % k] = 1;
        }
        assertEquals(k, InceptionScore.of(p), 1e-12);
    }

    @Test
    void confidentButAllOneClassScoresOne() {
        double[][] p = new double[20][4];
        for (double[] row : p) {
            row[2] = 1;
        }
        assertEquals(1, InceptionScore.of(p), 1e-12);
    }

    @Test
    void aPartlyConfidentPairByHand() {
        double[][] p = {{0.9, 0.1}, {0.1, 0.9}};
        // p(y) = (0.5, 0.5); each KL is 0.9 ln(0.9/0.5) + 0.1 ln(0.1/0.5).
        double kl = 0.9 * Math.log(1.8) + 0.1 * Math.log(0.2);
        assertEquals(Math.exp(kl), InceptionScore.of(p), 1e-12);
    }

    @Test
    void invalidRowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(new double[][] {{0.5, 0.6}}));
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(new double[][] {{1.5, -0.5}}));
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(new double[0][]));
    }
}
