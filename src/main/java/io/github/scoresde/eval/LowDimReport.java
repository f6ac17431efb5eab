package io.github.scoresde.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The low-dimensional metrics of generated samples against reference samples, with default
 * settings.
 *
 * @param slicedW2 sliced Wasserstein-2 distance
 * @param energy energy distance (unbiased, may be slightly negative)
 * @param mmd squared MMD, median-heuristic RBF kernels (unbiased, may be slightly negative)
 */
public record LowDimReport(double slicedW2, double energy, double mmd) {

    /**
     * Computes all metrics with their defaults ({@link SlicedWasserstein#DEFAULT_PROJECTIONS},
     * {@link EnergyDistance#DEFAULT_MAX_POINTS}, {@link Mmd#DEFAULT_MAX_POINTS}).
     *
     * @throws IllegalArgumentException if either set is invalid (empty, ragged, non-finite, fewer
     *     than 2 rows) or their column counts differ
     */
    public static LowDimReport compute(double[][] samples, double[][] reference, SplittableRandom rnd) {
        // Validate here so the messages name the sets as the caller knows them.
        Points.requireSameDim(samples, "samples", reference, "reference");
        Points.requireTwoRows(samples, "samples");
        Points.requireTwoRows(reference, "reference");
        return new LowDimReport(
                SlicedWasserstein.distance(samples, reference, rnd),
                EnergyDistance.distance(samples, reference, rnd),
                Mmd.squared(samples, reference, rnd));
    }

    /** The value of one metric. */
    public double get(MetricId id) {
        return switch (id) {
            case SLICED_W2 -> slicedW2;
            case ENERGY -> energy;
            case MMD -> mmd;
        };
    }

    /** Unmodifiable map from {@link MetricId#key()} to value, in {@link MetricId} order. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (MetricId id : MetricId.values()) {
            map.put(id.key(), get(id));
        }
        return Collections.unmodifiableMap(map);
    }
}
