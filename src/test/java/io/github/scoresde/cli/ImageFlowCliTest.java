package io.github.scoresde.cli;

import static io.github.scoresde.cli.CliTest.run;
import static io.github.scoresde.cli.LikelihoodCommandTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image paths of {@code likelihood}, {@code encode}, {@code decode} and {@code interpolate}
 * with a tiny U-Net trained for a few steps on 8x8 PNGs (D = 64, so the exact divergence is
 * allowed and runs are deterministic): bits per dimension, --double with a float32 checkpoint,
 * dequantization draws, pictures, and data that does not fit the checkpoint.
 */
class ImageFlowCliTest {
    private static final double LN2 = Math.log(2);

    @TempDir
    static Path shared;

    private static Path checkpoint;
    private static Path images;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainATinyModel() throws IOException {
        images = ImageTrainingCliTest.pngFolder(shared.resolve("pngs"), 8);
        Path config = Files.writeString(shared.resolve("tiny.yaml"), "data: " + images + "\nsde: {name: vp}\n"
                + "model: {network: unet, channels: 8, channel_mult: [1, 2], groups: 4}\n"
                + "objective: {name: edm}\ntrain: {steps: 6, batch: 8, checkpoint_every: 6}\n"
                // The closing sample picture, as cheap as it gets.
                + "sample: {sampler: em, steps: 5, n: 4}\n");
        CliTest.Run r = run("train", "--config", config.toString(), "--out", shared.resolve("run").toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        checkpoint = shared.resolve("run/model.ckpt");
    }

    /** likelihood of the first two images; the exact divergence costs 64 network rows per image. */
    private CliTest.Run likelihood(Path dir, String... extra) {
        String[] base = {"likelihood", "--checkpoint", checkpoint.toString(), "--data", images.toString(), "--n", "2", "--estimator", "exact",
            "--out", dir.toString(), "--threads", "1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return run(args);
    }

    private static double[][] table(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        double[][] rows = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            rows[i - 1] = Arrays.stream(lines.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
        }
        return rows;
    }

    @Test
    void bitsPerDimOfImagesInFloat32AndFloat64() throws IOException {
        Path f32 = tmp.resolve("f32");
        CliTest.Run r = likelihood(f32);
        assertEquals(0, r.code(), r.err());
        assertEquals("index,loglik,bpd", Files.readAllLines(f32.resolve("loglik.csv")).get(0));
        double[][] rows = table(f32.resolve("loglik.csv"));
        assertEquals(2, rows.length);
        for (double[] row : rows) {
            // SPEC §5 with data in [-1, 1]: bpd = -log p / (D ln 2) - log2(2) + 8, D = 64.
            assertEquals(-row[1] / (64 * LN2) - 1 + 8, row[2], 1e-9);
        }
        JsonNode s = new ObjectMapper().readTree(f32.resolve("summary.json").toFile());
        assertEquals(1, s.get("dequant_draws").asInt());
        assertEquals(64, s.get("dim").asInt());
        assertEquals("float32", s.get("dtype").asText());

        // --double widens the float32 weights exactly and sees the same dequantized images (the
        // uniforms are drawn in Java), so only float32 round-off and the solver's step choices
        // differ: the exact-divergence log-likelihoods agree to a small fraction of a nat.
        Path f64 = tmp.resolve("f64");
        CliTest.Run d = likelihood(f64, "--double");
        assertEquals(0, d.code(), d.err());
        JsonNode s64 = new ObjectMapper().readTree(f64.resolve("summary.json").toFile());
        assertEquals("float64", s64.get("dtype").asText());
        double[][] rows64 = table(f64.resolve("loglik.csv"));
        double max = 0;
        for (int i = 0; i < rows.length; i++) {
            max = Math.max(max, Math.abs(rows64[i][1] - rows[i][1]));
        }
        System.out.printf("tiny U-Net likelihood: float64 vs float32 max |difference| %.3g nats (log-likelihoods ~%.1f)%n", max, rows[0][1]);
        assertTrue(max < 0.01, "float64 vs float32: " + max);
    }

    @Test
    void dequantizationDrawsAverageSeveralSolves() throws IOException {
        Path one = tmp.resolve("one");
        Path three = tmp.resolve("three");
        // Rademacher probes (the same ones for the shared first draw) keep this cheap.
        assertEquals(0, likelihood(one, "--estimator", "rademacher", "--n", "8").code());
        CliTest.Run r = likelihood(three, "--estimator", "rademacher", "--n", "8", "--dequant-draws", "3");
        assertEquals(0, r.code(), r.err());
        JsonNode s1 = new ObjectMapper().readTree(one.resolve("summary.json").toFile());
        JsonNode s3 = new ObjectMapper().readTree(three.resolve("summary.json").toFile());
        assertEquals(3, s3.get("dequant_draws").asInt());
        assertTrue(s3.get("nfe_total").asInt() > 2 * s1.get("nfe_total").asInt(), "three solves per batch");
        double[][] a = table(one.resolve("loglik.csv"));
        double[][] b = table(three.resolve("loglik.csv"));
        // The first draw is shared (same seed and probes); the mean moves with the two new draws
        // and their probes, measured by at most 0.07 nats for these 8 images (log p ~ -115). A
        // sum instead of a mean would be off by ~230 nats; 1 nat leaves the noise 13x room.
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            assertTrue(a[i][1] != b[i][1], "image " + i + " averages new draws");
            max = Math.max(max, Math.abs(a[i][1] - b[i][1]));
        }
        System.out.printf("tiny U-Net likelihood: 3 draws vs 1 max |difference| %.3g nats%n", max);
        assertTrue(max < 1, "3 draws vs 1: " + max);
    }

    @Test
    void encodeDecodeAndInterpolateImages() throws IOException {
        Path enc = tmp.resolve("enc");
        CliTest.Run e = run("encode", "--checkpoint", checkpoint.toString(), "--data", images.toString(), "--n", "6", "--out", enc.toString(),
                "--threads", "1");
        assertEquals(0, e.code(), e.err());
        for (String f : new String[] {"latents.csv", "latents.png", "roundtrip.png", "summary.json"}) {
            assertTrue(Files.exists(enc.resolve(f)), f);
        }
        assertEquals(64, Files.readAllLines(enc.resolve("latents.csv")).get(0).split(",").length);
        JsonNode s = new ObjectMapper().readTree(enc.resolve("summary.json").toFile());
        double pixels = s.get("round_trip").get("max_abs_error_pixels").asDouble();
        System.out.printf("tiny U-Net encode/decode: max round-trip error %.3g pixel steps%n", pixels);
        // At rtol 1e-5 the round trip is far inside one 8-bit step.
        assertTrue(pixels < 0.5, "round trip " + pixels + " pixel steps");

        Path dec = tmp.resolve("dec");
        CliTest.Run d = run("decode", "--checkpoint", checkpoint.toString(), "--latents", enc.resolve("latents.csv").toString(), "--out",
                dec.toString(), "--threads", "1");
        assertEquals(0, d.code(), d.err());
        assertTrue(Files.exists(dec.resolve("decoded.png")));
        assertEquals(6, table(dec.resolve("decoded.csv")).length);

        Path interp = tmp.resolve("interp");
        CliTest.Run i = run("interpolate", "--checkpoint", checkpoint.toString(), "--data", images.toString(), "--frames", "4", "--out",
                interp.toString(), "--threads", "1");
        assertEquals(0, i.code(), i.err());
        assertTrue(Files.exists(interp.resolve("interpolation.png")));
        assertEquals(4, table(interp.resolve("interpolation.csv")).length);
    }

    @Test
    void dataThatDoesNotFitTheCheckpointIsOneLine() throws IOException {
        Path small = ImageTrainingCliTest.pngFolder(tmp.resolve("small"), 4);
        Path csv = Files.writeString(tmp.resolve("points.csv"), "x0,x1\n1,2\n");
        Path dir = tmp.resolve("never");
        String ck = checkpoint.toString();
        assertBadInput(run("likelihood", "--checkpoint", ck, "--data", small.toString(), "--out", dir.toString()),
                "holds images of shape (1, 4, 4) but the model was trained on (1, 8, 8)", dir);
        assertBadInput(run("encode", "--checkpoint", ck, "--data", small.toString(), "--out", dir.toString()), "holds images of shape", dir);
        assertBadInput(run("interpolate", "--checkpoint", ck, "--data", small.toString(), "--out", dir.toString()), "holds images of shape", dir);
        assertBadInput(run("likelihood", "--checkpoint", ck, "--data", csv.toString(), "--out", dir.toString()), "is a CSV of points", dir);
        assertBadInput(run("decode", "--checkpoint", ck, "--latents", csv.toString(), "--out", dir.toString()),
                "has 2 columns but the model's latents have 64", dir);
        assertBadInput(run("likelihood", "--checkpoint", ck, "--sde", "ve", "--data", images.toString(), "--out", dir.toString()),
                "trained with --sde vp", dir);
        assertBadInput(run("likelihood", "--checkpoint", ck, "--data", images.toString(), "--dequant-draws", "0", "--out", dir.toString()),
                "--dequant-draws", dir);
        assertBadInput(run("likelihood", "--model", "gmm8", "--data", csv.toString(), "--dequant-draws", "2", "--out", dir.toString()),
                "--dequant-draws is for 8-bit images", dir);
    }
}
