package io.github.scoresde.eval;

/** The low-dimensional sample-quality metrics, with the stable keys used in reports. */
public enum MetricId {
    /** Sliced Wasserstein-2 distance, {@link SlicedWasserstein}. */
    SLICED_W2("sliced_w2"),
    /** Energy distance, {@link EnergyDistance}. */
    ENERGY("energy_distance"),
    /** Squared MMD with RBF kernels, {@link Mmd}. */
    MMD("mmd_rbf");

    private final String key;

    MetricId(String key) {
        this.key = key;
    }

    /** The key used in maps and JSON reports. */
    public String key() {
        return key;
    }
}
