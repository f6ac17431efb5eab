package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.eval.FrechetDistance;
import io.github.scoresde.eval.ImageClassifier;
import io.github.scoresde.tensor.Shapes;
import io.github.scoresde.train.data.ImageData;
import java.util.List;

/**
 * FID on the features of a shipped classifier (SPEC §7; not comparable with Inception-based FID)
 * as a {@link QualityMetric}: samples against the first images of the training set; the floor is
 * the FID of as many held-out (test) images against the same reference, the value exact samples
 * of this size would get.
 */
final class ImageFid implements QualityMetric {
    private final ImageClassifier classifier;
    private final double[][] reference;
    private final double floor;

    /**
     * @param classifier the feature network, open while this metric is used
     * @param train the reference images (the first {@code referenceCount})
     * @param test held-out images, the first {@code n} of which give the floor
     * @param n the number of samples each run scores
     */
    ImageFid(ImageClassifier classifier, ImageData train, int referenceCount, ImageData test, int n) {
        this.classifier = classifier;
        this.reference = classifier.classify(train, referenceCount).features();
        this.floor = FrechetDistance.of(classifier.classify(test, n).features(), reference);
    }

    @Override
    public List<String> names() {
        return List.of("fid");
    }

    /** Samples in data units, one flattened image per row, in the classifier's input shape. */
    @Override
    public double[] of(double[][] samples) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Shapes.fromRows(m, samples).reshape(new Shape(samples.length).addAll(new Shape(classifier.inputShape())));
            return new double[] {FrechetDistance.of(classifier.classify(x).features(), reference)};
        }
    }

    @Override
    public double[] floor() {
        return new double[] {floor};
    }
}
