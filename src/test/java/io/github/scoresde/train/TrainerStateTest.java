package io.github.scoresde.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scoresde.UserInputException;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.train.data.DataSource;
import io.github.scoresde.train.data.ToyData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reproducible, resumable, leak-free training state and checkpoint files. */
class TrainerStateTest {
    private static final Trainer.Settings SETTINGS = new Trainer.Settings(64, 1e-3, 10, 1.0, 0.99, 5);
    private static final DataSource DATA = ToyData.mixture(Mixtures.gmm8());

    @TempDir
    Path tmp;

    private static Trainer trainer(NetworkScoreModel model, NDManager m) {
        return new Trainer(model, new DenoisingScoreMatching(DenoisingScoreMatching.Weighting.SQUARED_STD, 1e-5), DATA, SETTINGS, m);
    }

    private static List<float[]> values(NetworkScoreModel model) {
        List<float[]> out = new ArrayList<>();
        model.network().getParameters().forEach(p -> out.add(p.getValue().getArray().toFloatArray()));
        return out;
    }

    private static ObjectNode header() {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("note", "test");
        return h;
    }

    /** The acceptance check: 2000 steps straight against 1000, a checkpoint, a resume and 1000 more. */
    @Test
    void resumingFromACheckpointIsBitIdentical() throws IOException {
        List<float[]> straight;
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 32);
            try (Trainer t = trainer(model, m)) {
                t.fit(2000, (s, l) -> {});
            }
            straight = values(model);
        }
        Path file = tmp.resolve("half.ckpt");
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 32);
            try (Trainer t = trainer(model, m)) {
                t.fit(1000, (s, l) -> {});
                t.checkpoint(header()).write(file);
            }
        }
        List<float[]> resumed;
        try (NDManager m = NDManager.newBaseManager()) {
            // A fresh model with a different initialisation: everything must come from the file.
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 32);
            model.network().getParameters().forEach(p -> p.getValue().getArray().muli(0));
            try (Trainer t = trainer(model, m)) {
                Checkpoint c = Checkpoint.read(file);
                t.restore(c, file.toString());
                assertEquals(1000, t.step());
                assertEquals("test", c.header().path("note").asText());
                t.fit(2000, (s, l) -> {});
            }
            resumed = values(model);
        }
        assertEquals(straight.size(), resumed.size());
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i), resumed.get(i), "parameter " + i + " differs after resume");
        }
    }

    @Test
    void damagedOrForeignCheckpointsAreRefused() throws IOException {
        Path file = tmp.resolve("ok.ckpt");
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 16);
            try (Trainer t = trainer(model, m)) {
                t.fit(3, (s, l) -> {});
                t.checkpoint(header()).write(file);
            }
            byte[] good = Files.readAllBytes(file);

            byte[] flipped = good.clone();
            flipped[good.length / 2] ^= 1;
            Path corrupt = Files.write(tmp.resolve("corrupt.ckpt"), flipped);
            assertTrue(assertThrows(UserInputException.class, () -> Checkpoint.read(corrupt)).getMessage().contains("corrupt"));

            Path truncated = Files.write(tmp.resolve("truncated.ckpt"), java.util.Arrays.copyOf(good, good.length - 100));
            assertThrows(UserInputException.class, () -> Checkpoint.read(truncated));

            Path foreign = Files.writeString(tmp.resolve("foreign.ckpt"), "hello");
            assertTrue(assertThrows(UserInputException.class, () -> Checkpoint.read(foreign)).getMessage().contains("not a scoresde checkpoint"));

            assertThrows(UserInputException.class, () -> Checkpoint.read(tmp.resolve("missing.ckpt")));

            NetworkScoreModel wider = TinyModels.mlp(new VpSde(), m, 32);
            try (Trainer t = trainer(wider, m)) {
                String message = assertThrows(UserInputException.class, () -> t.restore(Checkpoint.read(file), "ok.ckpt")).getMessage();
                assertTrue(message.contains("does not match the model"), message);
            }
            try (Trainer t = trainer(model, m)) {
                Checkpoint weights = Checkpoint.read(file).weightsOnly();
                assertEquals(Checkpoint.read(file).tensors().size() / 4, weights.tensors().size());
                String message = assertThrows(UserInputException.class, () -> t.restore(weights, "model.ckpt")).getMessage();
                assertTrue(message.contains("cannot be resumed"), message);
            }
            assertFalse(Files.exists(tmp.resolve("ok.ckpt.tmp")), "temporary file left behind");
        }
    }

    @Test
    void liveArraysStayFlatWhileTraining() {
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 16);
            try (Trainer t = trainer(model, m)) {
                t.fit(20, (s, l) -> {});
                int before = m.getManagedArrays().size();
                t.fit(320, (s, l) -> {});
                assertEquals(before, m.getManagedArrays().size());
            }
        }
    }

    @Test
    void aSingleNonFiniteStepIsSkippedAndTrainingGoesOn() {
        DataSource glitch = new DataSource() {
            private int calls;

            @Override
            public long[] exampleShape() {
                return new long[] {2};
            }

            @Override
            public NDArray batch(NDManager manager, int size, DataType type, Rng rng) {
                NDArray clean = DATA.batch(manager, size, type, rng);
                return ++calls == 3 ? clean.add(Float.NaN) : clean;
            }
        };
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 16);
            List<Double> losses = new ArrayList<>();
            try (Trainer t = new Trainer(model, new DenoisingScoreMatching(DenoisingScoreMatching.Weighting.SQUARED_STD, 1e-5),
                    glitch, SETTINGS, m)) {
                t.fit(10, (s, l) -> losses.add(l));
                assertEquals(1, t.skippedSteps());
            }
            assertTrue(Double.isNaN(losses.get(2)), "step 3 is reported as skipped");
            assertTrue(losses.stream().filter(l -> !l.isNaN()).count() == 9);
            for (float[] p : values(model)) {
                for (float v : p) {
                    assertTrue(Float.isFinite(v), "parameters stay finite");
                }
            }
        }
    }

    @Test
    void persistentlyNonFiniteLossStopsWithTheLastGoodParameters() {
        DataSource poisoned = new DataSource() {
            @Override
            public long[] exampleShape() {
                return new long[] {2};
            }

            @Override
            public NDArray batch(NDManager manager, int size, DataType type, Rng rng) {
                return manager.full(new Shape(size, 2), Float.NaN, type);
            }
        };
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkScoreModel model = TinyModels.mlp(new VpSde(), m, 16);
            List<float[]> before = values(model);
            try (Trainer t = new Trainer(model, new DenoisingScoreMatching(DenoisingScoreMatching.Weighting.SQUARED_STD, 1e-5),
                    poisoned, SETTINGS, m)) {
                String message = assertThrows(IllegalStateException.class, () -> t.fit(50, (s, l) -> {})).getMessage();
                assertTrue(message.contains("loss is NaN at steps 1 to " + Trainer.MAX_SKIPPED_IN_A_ROW), message);
                assertEquals(Trainer.MAX_SKIPPED_IN_A_ROW, t.skippedSteps());
            }
            List<float[]> after = values(model);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i));
            }
        }
    }
}
