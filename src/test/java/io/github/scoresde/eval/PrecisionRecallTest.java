package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {

    @Test
    void aSetAgainstItselfHasPrecisionAndRecallOne() {
        double[][] x = Gaussians.standard(400, 5, new SplittableRandom(1));
        PrecisionRecall pr = PrecisionRecall.of(x, x, new SplittableRandom(2));
        assertEquals(1, pr.precision());
        assertEquals(1, pr.recall());
    }

    @Test
    void farApartSetsHaveNeither() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] a = Gaussians.sample(300, new double[] {0, 0}, rnd);
        double[][] b = Gaussians.sample(300, new double[] {50, 0}, rnd);
        PrecisionRecall pr = PrecisionRecall.of(a, b, rnd);
        assertEquals(0, pr.precision());
        assertEquals(0, pr.recall());
    }

    @Test
    void droppingAModeKeepsPrecisionAndHalvesRecall() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[][] reference = new double[2000][];
        System.arraycopy(Gaussians.sample(1000, new double[] {-20, 0}, rnd), 0, reference, 0, 1000);
        System.arraycopy(Gaussians.sample(1000, new double[] {20, 0}, rnd), 0, reference, 1000, 1000);
        double[][] samples = Gaussians.sample(1000, new double[] {20, 0}, rnd);
        PrecisionRecall pr = PrecisionRecall.of(samples, reference, rnd);
        // Samples of the kept mode fall inside its 3-NN balls except in the sparse tails (measured
        // 0.978); the dropped mode's reference points are never covered, so recall is at most 1/2
        // and the kept mode's half is covered but for its tails (measured 0.491).
        assertTrue(pr.precision() > 0.9, "precision " + pr.precision());
        assertTrue(pr.recall() > 0.4 && pr.recall() <= 0.5, "recall " + pr.recall());
    }

    @Test
    void setsOfAtMostKPointsAreRefused() {
        double[][] x = Gaussians.standard(3, 2, new SplittableRandom(5));
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(x, x, new SplittableRandom(6)));
    }
}
