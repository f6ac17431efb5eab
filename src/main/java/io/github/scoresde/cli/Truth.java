package io.github.scoresde.cli;

import io.github.scoresde.train.data.DataSource;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;

/**
 * The distribution a run trains on and compares its samples with: points (a mixture or a toy
 * set) or images. It knows how to judge samples, picture them and write them; samples are
 * flattened rows, one example per row.
 */
interface Truth {
    /** The training data. */
    DataSource data();

    /** The shape of one example. */
    default long[] exampleShape() {
        return data().exampleShape();
    }

    /** How many samples a run draws when not told: enough for the metrics, or a picture's worth of images. */
    int defaultSampleCount();

    /** The per-coordinate standard deviation averaged over coordinates (EDM's sigma_data). */
    double std();

    /** Quality metrics of the samples (keys as in metrics.json's "metrics"). */
    Map<String, Object> quality(double[][] samples, long seed);

    /** A picture of the samples (scatter over the truth, or an image grid). */
    BufferedImage picture(String title, double[][] samples, long seed);

    /** What a model trained on this data keeps in its checkpoint's "data" record beside shape and sigma_data. */
    default Map<String, Object> storedWithModel() {
        return Map.of();
    }

    /** Writes the samples in this kind of data's file format (samples.csv, or an image file). */
    void writeSamples(double[][] samples, Path dir);
}
