package io.github.scoresde.cli;

import static io.github.scoresde.cli.CliTest.run;
import static io.github.scoresde.cli.LikelihoodCommandTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scoresde.train.data.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --checkpoint --classifier} with the shipped MNIST model and its shipped noisy
 * classifier, a few steps (guidance itself is tested against the exact classifier in
 * GuidanceTest): files, metrics and one-line errors.
 */
class ImageGenerateCommandTest {
    private static final String MODEL = Path.of("models", "mnist-vp.ckpt").toString();
    private static final Path CLASSIFIER = Path.of("models", "noisy-classifier-mnist-vp.ckpt");
    /** The shipped noisy classifier's checksum, as in models/README.md. */
    private static final String SHA256 = "5ab7f0f5aea458d3eba64b94ddc5b64cf14736fc744b57140dcb160a0cb4e36c";

    @TempDir
    Path tmp;

    @Test
    void shippedNoisyClassifierIsTheOneOfTheModelCard() {
        assertEquals(SHA256, Sha256.of(CLASSIFIER));
    }

    @Test
    void guidedSamplesAreWrittenAndJudged() throws IOException {
        Path out = tmp.resolve("gen");
        CliTest.Run r = run("generate", "--checkpoint", MODEL, "--classifier", CLASSIFIER.toString(), "--class", "3", "--guidance", "2",
                "--n", "2", "--sampler", "dpmpp-2m", "--steps", "3", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(3, m.get("nfe").asInt(), "dpmpp-2m: one call per point");
        double accuracy = m.get("class_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, m.toString());
        assertTrue(m.get("judge").get("source").asText().contains("classifier-mnist"), m.toString());
        assertTrue(Files.exists(out.resolve("samples.png")));
    }

    @Test
    void badInputIsOneLine() {
        Path never = tmp.resolve("never");
        String c = CLASSIFIER.toString();
        String o = never.toString();
        assertBadInput(run("generate", "--checkpoint", MODEL, "--classifier", c, "--class", "10", "--steps", "3", "--out", o),
                "not a class", never);
        assertBadInput(run("generate", "--checkpoint", MODEL, "--classifier", c, "--class", "1", "--guidance", "-1", "--out", o),
                "--guidance", never);
        assertBadInput(run("generate", "--checkpoint", MODEL, "--class", "1", "--out", o), "--classifier", never);
        assertBadInput(run("generate", "--checkpoint", MODEL, "--classifier", MODEL, "--class", "1", "--steps", "3", "--out", o),
                "not a noisy classifier", never);
        assertBadInput(run("generate", "--checkpoint", MODEL, "--classifier", c, "--class", "1", "--all-classes", "--out", o),
                "--all-classes", never);
    }
}
