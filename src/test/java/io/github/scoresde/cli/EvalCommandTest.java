package io.github.scoresde.cli;

import static io.github.scoresde.cli.CliTest.run;
import static io.github.scoresde.cli.LikelihoodCommandTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scoresde.eval.ImageClassifier;
import io.github.scoresde.testing.EvalFixtures;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.KnownImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scoresde eval} on the 256-image MNIST and Fashion-MNIST fixtures (served as the data sets
 * mnist and fashion-mnist from a temporary cache) with the shipped classifiers, on CSV points, and
 * its one-line errors; and {@code classifier train} on a folder of class subfolders.
 */
class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path cache;
    private ImageData mnist;

    @BeforeEach
    void fixtures() {
        cache = EvalFixtures.cache(tmp.resolve("cache"));
        mnist = EvalFixtures.load("mnist", tmp.resolve("cache"));
    }

    /** Runs a command line with the fixture cache as the data cache. */
    private CliTest.Run eval(String... args) {
        AtomicReference<CliTest.Run> r = new AtomicReference<>();
        EvalFixtures.withCache(cache, () -> r.set(run(args)));
        return r.get();
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    @Test
    void imagesAgainstADataSetGiveFidIsAndTheClassifierRecord() throws IOException {
        Path samples = EvalFixtures.pngFolder(mnist, 0, 128, tmp.resolve("run/samples"), false);
        Path out = tmp.resolve("eval");
        CliTest.Run r = eval("eval", "--samples", samples.getParent().toString(), "--reference", "mnist", "--threads", "1",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = read(out.resolve("eval.json"));
        assertEquals("images", j.get("kind").asText());
        assertEquals(128, j.get("n_samples").asInt(), "the samples/ folder of a run folder");
        assertEquals(256, j.get("n_reference").asInt());
        assertEquals(64, j.get("feature_dim").asInt());
        assertEquals(ImageClassifier.shippedSha256(KnownImageSet.MNIST), j.get("classifier").get("sha256").asText());
        assertTrue(j.get("note").asText().contains("not comparable with Inception-based"), j.get("note").asText());
        // Half of a set against the whole: the FID is small but not 0 (measured 12.8), far below
        // digits against clothes (the next test, about 650); the fixture's digits are confidently
        // and evenly classified, so IS is near its maximum of 10 (measured 9.2 and 9.4).
        double fid = j.get("fid").asDouble();
        assertTrue(fid > 0.1 && fid < 30, "fid " + fid);
        assertTrue(j.get("is").asDouble() > 7 && j.get("is_reference").asDouble() > 7, j.toString());
        assertEquals(10, j.get("class_fractions").size());
        assertTrue(j.get("precision").asDouble() > 0.5 && j.get("recall").asDouble() > 0.5, "digits against digits: " + j);
        assertTrue(j.get("accuracy_reference").asDouble() > 0.95, "the labelled reference is classified: " + j.get("accuracy_reference"));
        assertTrue(r.out().contains("FID"), r.out());
    }

    @Test
    void theSameImagesGiveZeroAndDigitsAgainstClothesALargeFid() throws IOException {
        Path json = tmp.resolve("same.json");
        assertEquals(0, eval("eval", "--samples", "mnist", "--reference", "mnist", "--threads", "1", "--json", json.toString()).code());
        // Identical features: only the round-off of the eigendecompositions remains (tr S ~ 1e3).
        assertEquals(0, read(json).get("fid").asDouble(), 1e-6);

        Path other = tmp.resolve("fashion.json");
        CliTest.Run r = eval("eval", "--samples", "fashion-mnist", "--reference", "mnist", "--threads", "1", "--json", other.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = read(other);
        double fid = j.get("fid").asDouble();
        assertTrue(fid > 200, "clothes through the digit classifier are far from digits (measured 650 on the full sets): " + fid);
        assertTrue(j.get("is").asDouble() < j.get("is_reference").asDouble(), j.toString());
        assertTrue(j.has("accuracy_reference") && !j.has("accuracy"), "clothes have no digit labels: " + j);
        assertEquals(ImageClassifier.shippedSha256(KnownImageSet.MNIST), j.get("classifier").get("sha256").asText(),
                "the reference names the classifier");
    }

    @Test
    void classFoldersOfSamplesAreScoredForAccuracy() throws IOException {
        Path samples = EvalFixtures.pngFolder(mnist, 0, 100, tmp.resolve("by-class"), true);
        Path json = tmp.resolve("e.json");
        CliTest.Run r = eval("eval", "--samples", samples.toString(), "--reference", "mnist", "--classifier", "mnist", "--threads", "1",
                "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        // Folders 0/ ... 9/ hold correctly labelled training digits: the classifier gets nearly all
        // (98.8% on the test set; binomial sd 0.011 at 100 images).
        assertTrue(read(json).get("accuracy").asDouble() >= 0.95, read(json).toString());
    }

    @Test
    void pointsGetTheLowDimensionalMetrics() throws IOException {
        Path a = Files.writeString(tmp.resolve("a.csv"), csv(300, 0));
        Path b = Files.writeString(tmp.resolve("b.csv"), csv(300, 1));
        CliTest.Run r = run("eval", "--samples", a.toString(), "--reference", b.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("points", j.get("kind").asText());
        assertEquals(2, j.get("dim").asInt());
        assertTrue(j.get("sliced_w2").asDouble() > 0 && j.has("energy_distance") && j.has("mmd_rbf"), j.toString());

        Path dir = tmp.resolve("vs-gmm8");
        assertEquals(0, run("eval", "--samples", a.toString(), "--reference", "gmm8", "--out", dir.toString()).code());
        JsonNode m = read(dir.resolve("eval.json"));
        assertEquals(300, m.get("n_reference").asInt(), "as many exact draws as samples");
        assertEquals(8, m.get("mode_weights").size());
        assertTrue(m.has("sliced_w2_noise_floor"));
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws IOException {
        Path dir = tmp.resolve("never");
        Path small = ImageTrainingCliTest.pngFolder(tmp.resolve("small"), 8);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path points = Files.writeString(tmp.resolve("p.csv"), csv(50, 0));
        Path points3 = Files.writeString(tmp.resolve("p3.csv"), "x0,x1,x2\n1,2,3\n4,5,6\n");
        Path digits = EvalFixtures.pngFolder(mnist, 0, 40, tmp.resolve("forty"), false);
        String[][] cases = {
            {small.toString(), "mnist", "", "shape (1, 8, 8) but --reference of shape (1, 28, 28)"},
            {digits.toString(), "mnist", "", "needs at least 65 images on each side"},
            {"mnist", "mnist", "--n 20", "needs at least 65 images"},
            {"mnist", "mnist:valid", "", "unknown split 'valid'"},
            {"cifar10", "mnist", "", "unknown --samples 'cifar10'"},
            {empty.toString(), "mnist", "", "no .png images under"},
            {points.toString(), "mnist", "", "holds points but --reference mnist holds images"},
            {points.toString(), points3.toString(), "", "dimension 2 but --reference of dimension 3"},
            {small.toString(), small.toString(), "", "neither --samples nor --reference names a data set"},
            {small.toString(), small.toString(), "--classifier mnist", "takes images (1, 28, 28)"},
            {"mnist", "mnist", "--classifier models/mnist-vp.ckpt", "not an image classifier"},
        };
        for (String[] c : cases) {
            String extra = c[2].isEmpty() ? "" : " " + c[2];
            String line = "eval --samples " + c[0] + " --reference " + c[1] + extra + " --threads 1 --out " + dir;
            assertBadInput(eval(line.split(" ")), c[3], dir);
        }
    }

    @Test
    void classifierTrainWritesACheckpointThatEvalUses() throws IOException {
        Path folder = EvalFixtures.pngFolder(mnist, 0, 256, tmp.resolve("classes"), true);
        Path ckpt = tmp.resolve("out/tiny.ckpt");
        CliTest.Run r = run("train-classifier", "--data", folder.toString(), "--epochs", "1", "--batch", "64", "--threads", "1",
                "--out", ckpt.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("60874 parameters") && r.out().contains("sha256"), r.out());
        Path json = tmp.resolve("tiny.json");
        CliTest.Run e = run("eval", "--samples", folder.toString(), "--reference", folder.toString(), "--classifier", ckpt.toString(),
                "--threads", "1", "--json", json.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(ckpt.toString(), read(json).get("classifier").get("source").asText());

        Path never = tmp.resolve("never.ckpt");
        CliTest.Run bad = run("classifier", "train", "--data", ImageTrainingCliTest.pngFolder(tmp.resolve("unlabelled"), 8).toString(),
                "--out", never.toString());
        assertBadInput(bad, "has no class labels", never);
        Path dir = tmp.resolve("no-samples");
        assertBadInput(run("sample", "--checkpoint", ImageClassifier.shippedPath(KnownImageSet.MNIST), "--out", dir.toString()),
                "is an image classifier", dir);
    }

    /** n points of a 2-D standard Gaussian shifted by {@code shift} along x0, as CSV (seeded by n). */
    private static String csv(int n, double shift) {
        StringBuilder s = new StringBuilder("x0,x1\n");
        SplittableRandom rnd = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
            s.append(rnd.nextGaussian() + shift).append(',').append(rnd.nextGaussian()).append('\n');
        }
        return s.toString();
    }
}
