package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.testing.EvalFixtures;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.KnownImageSet;
import io.github.scoresde.train.data.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifiers shipped in models/: their checksums are the pinned ones and the model card's,
 * they classify the 256-image fixtures of their data sets, and their features give FID 0 for a set
 * against itself, a small FID between two halves of one set and a large one between data sets.
 */
class ShippedClassifierTest {
    @TempDir
    Path tmp;

    @Test
    void checksumsArePinnedAndRecordedInTheModelCard() throws IOException {
        String card = Files.readString(Path.of("models", "README.md"));
        for (KnownImageSet set : KnownImageSet.values()) {
            Path file = Path.of(ImageClassifier.shippedPath(set));
            assertEquals(ImageClassifier.shippedSha256(set), Sha256.of(file), file.toString());
            assertTrue(card.contains(ImageClassifier.shippedSha256(set)), "models/README.md records the sha256 of " + file);
            assertTrue(Files.size(file) < 1 << 20, "well under 1 MiB");
        }
    }

    @Test
    void eachClassifiesItsOwnFixture() {
        try (NDManager nd = NDManager.newBaseManager()) {
            for (KnownImageSet set : KnownImageSet.values()) {
                ImageData images = EvalFixtures.load(set.cliName(), tmp.resolve("cache"));
                try (ImageClassifier c = ImageClassifier.shipped(set, nd)) {
                    assertArrayEquals(new long[] {1, 28, 28}, c.inputShape());
                    assertEquals(64, c.featureDim());
                    assertEquals(set.classNames(), c.classNames());
                    ImageClassifier.Predictions p = c.classify(images, images.size());
                    for (double[] row : p.probabilities()) {
                        assertEquals(1, Arrays.stream(row).sum(), 1e-5);
                    }
                    // Test accuracies 0.988 and 0.896 (model card); on these training images the
                    // binomial sd at 256 images is at most 0.02, so the bounds are > 2 sd below.
                    double accuracy = p.accuracy(images.labels().orElseThrow());
                    assertTrue(accuracy > (set == KnownImageSet.MNIST ? 0.95 : 0.85), set + " accuracy " + accuracy);
                    assertTrue(c.testAccuracy() > (set == KnownImageSet.MNIST ? 0.98 : 0.88), "recorded " + c.testAccuracy());
                }
            }
        }
    }

    @Test
    void fidSeparatesHalvesOfOneSetFromAnotherSetAndNoise() {
        ImageData digits = EvalFixtures.load("mnist", tmp.resolve("cache"));
        ImageData clothes = EvalFixtures.load("fashion-mnist", tmp.resolve("cache"));
        try (NDManager nd = NDManager.newBaseManager(); ImageClassifier c = ImageClassifier.shipped(KnownImageSet.MNIST, nd)) {
            double[][] all = c.classify(digits, 256).features();
            double[][] first = Arrays.copyOfRange(all, 0, 128);
            double[][] second = Arrays.copyOfRange(all, 128, 256);
            double self = FrechetDistance.of(all, all);
            double halves = FrechetDistance.of(first, second);
            double other = FrechetDistance.of(first, Arrays.copyOfRange(c.classify(clothes, 256).features(), 0, 128));
            NDArray noise = nd.randomUniform(-1, 1, new Shape(128, 1, 28, 28));
            double random = FrechetDistance.of(first, c.classify(noise).features());
            assertEquals(0, self, 1e-6, "same features");
            // Two disjoint halves of 128 digits differ by the sampling error of 64-D moments from 128
            // points (measured 49); digits against clothes or uniform noise by far more (measured
            // 651 and 838).
            assertTrue(halves > 0 && 5 * halves < other && 5 * halves < random, halves + " vs " + other + " and " + random);
        }
    }

    @Test
    void arraysAreClampedToThePixelRangeAndLeaveNoArraysBehind() {
        ImageData digits = EvalFixtures.load("mnist", tmp.resolve("cache"));
        try (NDManager nd = NDManager.newBaseManager(); ImageClassifier c = ImageClassifier.shipped(KnownImageSet.MNIST, nd)) {
            NDArray x = digits.first(nd, 64);
            NDArray stretched = x.mul(3);
            NDArray clamped = stretched.clip(-1, 1);
            int before = nd.getManagedArrays().size();
            ImageClassifier.Predictions fromArray = c.classify(x);
            ImageClassifier.Predictions fromPixels = c.classify(digits, 64);
            ImageClassifier.Predictions fromStretched = c.classify(stretched);
            ImageClassifier.Predictions fromClamped = c.classify(clamped);
            for (int i = 0; i < 64; i++) {
                assertArrayEquals(fromPixels.features()[i], fromArray.features()[i], 1e-5, "pixels and data units agree");
                assertArrayEquals(fromClamped.features()[i], fromStretched.features()[i], 0, "values beyond [-1, 1] are clamped");
            }
            assertEquals(before, nd.getManagedArrays().size(), "every batch in its own scope");
        }
    }
}
