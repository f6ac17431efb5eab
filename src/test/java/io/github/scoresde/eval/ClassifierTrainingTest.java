package io.github.scoresde.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.scoresde.UserInputException;
import io.github.scoresde.testing.EvalFixtures;
import io.github.scoresde.train.Checkpoint;
import io.github.scoresde.train.data.ImageData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few seconds of classifier training on the 256-image MNIST fixture: it learns, reproduces and round-trips. */
class ClassifierTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void learnsReproducesAndRoundTripsThroughItsCheckpoint() throws IOException {
        ImageData images = EvalFixtures.load("mnist", tmp.resolve("cache"));
        ClassifierTraining.Settings settings = new ClassifierTraining.Settings(8, 32, 1e-3, 7);
        List<Double> losses = new ArrayList<>();
        try (NDManager nd = NDManager.newBaseManager()) {
            Checkpoint first = ClassifierTraining.train(images, "mnist", settings, JsonNodeFactory.instance.objectNode(), nd,
                    (step, total, loss) -> losses.add(loss));
            Checkpoint second = ClassifierTraining.train(images, "mnist", settings, JsonNodeFactory.instance.objectNode(), nd,
                    (step, total, loss) -> { });
            assertEquals(64, losses.size(), "8 epochs of 8 batches");
            // Cross-entropy starts above ln 10 = 2.3 (He-initialised logits are large) and falls; the
            // last epoch's mean loss against the first's, measured 3.2 -> 0.39, has a wide margin.
            double start = losses.subList(0, 8).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double end = losses.subList(56, 64).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertTrue(end < 0.5 * start, start + " -> " + end);
            first.tensors().forEach((name, t) -> assertArrayEquals(t.values(), second.tensors().get(name).values(), name + " reproducible"));

            Path file = tmp.resolve("c.ckpt");
            first.write(file);
            try (ImageClassifier inMemory = ImageClassifier.of(first, "memory", "", nd); ImageClassifier loaded = ImageClassifier.load(file, nd)) {
                ImageClassifier.Predictions a = inMemory.classify(images, 64);
                ImageClassifier.Predictions b = loaded.classify(images, 64);
                for (int i = 0; i < 64; i++) {
                    assertArrayEquals(a.features()[i], b.features()[i], 0, "same weights, same features");
                }
                // Chance is 0.1 (binomial sd 0.02 on 256 images); seconds of training reach far above
                // it on the images it saw (measured 0.98).
                double accuracy = loaded.classify(images, 256).accuracy(images.labels().orElseThrow());
                assertTrue(accuracy > 0.8, "accuracy " + accuracy);
                assertEquals(64, loaded.featureDim());
                assertEquals("mnist", loaded.dataName());
                assertEquals(10, loaded.classNames().size());
            }
        }
    }

    @Test
    void aScoreModelCheckpointIsNotAClassifier() {
        try (NDManager nd = NDManager.newBaseManager()) {
            UserInputException e = assertThrows(UserInputException.class, () -> ImageClassifier.load(Path.of("models", "mnist-vp.ckpt"), nd));
            assertTrue(e.getMessage().contains("not an image classifier"), e.getMessage());
            e = assertThrows(UserInputException.class, () -> ImageClassifier.load(tmp.resolve("none.ckpt"), nd));
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        }
        assertTrue(Files.exists(Path.of("models", "mnist-vp.ckpt")));
    }
}
