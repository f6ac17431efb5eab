package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LowDimReportTest {

    @Test
    void computesAllMetricsAndMapsThemByKeyInOrder() {
        SplittableRandom rnd = new SplittableRandom(41);
        double[][] ref = Gaussians.standard(1000, 2, rnd);
        double[][] good = Gaussians.standard(1000, 2, rnd);
        double[][] bad = Gaussians.sample(1000, new double[] {2, 0}, rnd);
        LowDimReport near = LowDimReport.compute(good, ref, rnd);
        LowDimReport far = LowDimReport.compute(bad, ref, rnd);
        // A shift of 2 (two standard deviations) makes every metric clearly larger than the noise
        // floor of a matching sample of this size (SW2 about 0.05, the others about 0.01).
        assertTrue(far.slicedW2() > 10 * near.slicedW2(), far + " vs " + near);
        assertTrue(far.energy() > 0.5 && Math.abs(near.energy()) < 0.05, far + " vs " + near);
        assertTrue(far.mmd() > 0.2 && Math.abs(near.mmd()) < 0.02, far + " vs " + near);

        Map<String, Double> map = far.asMap();
        assertEquals(List.of("sliced_w2", "energy_distance", "mmd_rbf"), List.copyOf(map.keySet()));
        assertEquals(far.energy(), map.get(MetricId.ENERGY.key()), 0.0);
        assertThrows(UnsupportedOperationException.class, () -> map.put("x", 1.0));
    }

    @Test
    void namesTheSetsInErrors() {
        SplittableRandom rnd = new SplittableRandom(42);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LowDimReport.compute(new double[3][3], new double[3][2], rnd));
        assertEquals("samples have 3 columns but reference has 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LowDimReport.compute(new double[3][2], new double[0][], rnd));
        assertEquals("reference has no rows", e.getMessage());
    }
}
