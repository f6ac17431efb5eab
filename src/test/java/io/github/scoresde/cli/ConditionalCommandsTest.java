package io.github.scoresde.cli;

import static io.github.scoresde.cli.LikelihoodCommandTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} and {@code inpaint} on the exact mixtures: outputs, metrics and one-line errors. */
class ConditionalCommandsTest {
    @TempDir
    Path tmp;

    private JsonNode metrics(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("metrics.json").toFile()).get("metrics");
    }

    /**
     * Guidance at w = 1 puts the samples on the class: at n = 2000 exact draws of a gmm8
     * component have class accuracy ~0.998 (tails past the decision boundary), so 0.99 leaves
     * ~4 se while a sampler that mixed in a neighbour at 1/8 would show ~0.9.
     */
    @Test
    void generateWritesTheClassSamples() throws IOException {
        for (String method : List.of("--guidance=1", "--classifier-free")) {
            Path dir = tmp.resolve(method.substring(2));
            CliTest.Run r = CliTest.run("generate", "--model", "gmm8", "--sde", "vp", "--class", "5", method, "--sampler", "dpmpp-2m",
                    "--steps", "50", "--n", "2000", "--seed", "1", "--out", dir.toString(), "--threads", "1");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("class accuracy"), r.out());
            List<String> lines = Files.readAllLines(dir.resolve("samples.csv"));
            assertEquals("x0,x1", lines.get(0));
            assertEquals(2001, lines.size());
            assertTrue(Files.size(dir.resolve("samples.png")) > 1000);
            JsonNode m = metrics(dir);
            assertEquals(5, m.get("class").asInt());
            assertTrue(m.get("class_accuracy").asDouble() > 0.99, method + ": " + m);
            assertTrue(m.get("sliced_w2").isNumber());
        }
    }

    /** The known coordinate is exactly 2.0 in every sample; the picture is the conditional density (one unknown). */
    @Test
    void inpaintWritesImputedPoints() throws IOException {
        Path dir = tmp.resolve("inpaint");
        CliTest.Run r = CliTest.run("inpaint", "--model", "gmm8", "--sde", "vp", "--known", "0=2.0", "--sampler", "pc", "--steps", "100",
                "--n", "500", "--seed", "2", "--out", dir.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("samples.csv"));
        assertEquals(501, lines.size());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("2.0,")), lines.get(1));
        JsonNode m = metrics(dir);
        assertEquals(0, m.get("known_max_abs_error").asDouble());
        assertEquals(8, m.get("mode_weights").size(), "weights of the conditional's components");
        assertTrue(Files.size(dir.resolve("samples.png")) > 1000);
        Path wide = tmp.resolve("aniso");
        assertEquals(0, CliTest.run("inpaint", "--model", "aniso16", "--known", "0=0,3=-1.5,7=0.5", "--sampler", "ddim", "--steps", "20",
                "--n", "300", "--out", wide.toString(), "--threads", "1").code());
        assertEquals(16, Files.readAllLines(wide.resolve("samples.csv")).get(0).split(",").length);
        assertTrue(Files.size(wide.resolve("samples.png")) > 1000);
    }

    @Test
    void badInputIsOneLine() {
        Path dir = tmp.resolve("never");
        String out = dir.toString();
        assertBadInput(CliTest.run("generate", "--class", "8", "--out", out), "give a component index 0..7", dir);
        assertBadInput(CliTest.run("generate", "--class", "-1", "--out", out), "is not a class of gmm8", dir);
        assertBadInput(CliTest.run("generate", "--class", "0", "--guidance", "-0.5", "--out", out), "--guidance must be", dir);
        assertBadInput(CliTest.run("generate", "--class", "0", "--guidance", "NaN", "--out", out), "--guidance must be", dir);
        assertBadInput(CliTest.run("inpaint", "--known", "2=1.0", "--out", out), "outside the model's coordinates 0..1", dir);
        assertBadInput(CliTest.run("inpaint", "--model", "aniso16", "--known", "0=1,3=2,0=2", "--out", out), "coordinate 0 twice", dir);
        assertBadInput(CliTest.run("inpaint", "--known", "0:1", "--out", out), "is not INDEX=VALUE", dir);
        assertBadInput(CliTest.run("inpaint", "--known", "0=abc", "--out", out), "is not INDEX=VALUE", dir);
        assertBadInput(CliTest.run("inpaint", "--known", "0=1,", "--out", out), "is not INDEX=VALUE", dir);
        assertBadInput(CliTest.run("inpaint", "--known", "0=Infinity", "--out", out), "give a finite number", dir);
        assertBadInput(CliTest.run("inpaint", "--known", "0=1,1=2", "--out", out), "leave at least one", dir);
        assertBadInput(CliTest.run("inpaint", "--known", "0=1", "--sampler", "ode", "--out", out), "cannot impute", dir);
        assertBadInput(CliTest.run("inpaint", "--known", "0=1", "--steps", "0", "--out", out), "--steps must be >= 1", dir);
    }
}
