package io.github.scoresde.cli;

import java.util.List;

/**
 * How {@code bench quality} scores a sampler's output: a few numbers where lower is better, each
 * with the value that exact samples of the same size get (the noise floor it is judged by). The
 * mixtures use {@link MixtureQuality}; a metric for images (FID on the features of the shipped
 * classifier, issue 6 item 2) implements this to bring the trained models into the study.
 */
interface QualityMetric {
    /** Short names of the numbers, as in the CSV's {@code metric} column, e.g. "sliced_w2". */
    List<String> names();

    /** The numbers for {@code samples} (finite rows, one flattened example each), in {@link #names} order. */
    double[] of(double[][] samples);

    /** The numbers for exact samples of the size the metric was built for. */
    double[] floor();
}
