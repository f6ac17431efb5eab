package io.github.scoresde.cli;

import static io.github.scoresde.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sde.VpSde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code encode}, {@code decode} and {@code interpolate} on the exact gmm8 score: round trips, latents, interpolation ends, bad input. */
class CodecCommandsTest {
    private static final int POINTS = 200;

    @TempDir
    Path tmp;

    /** Exact draws of p_eps under VP with an extra label column. */
    private Path pointsCsv() throws IOException {
        VpSde sde = new VpSde();
        GaussianMixture atEps = Mixtures.gmm8().diffused(sde.a(sde.eps()), sde.s(sde.eps()));
        double[][] x = atEps.sample(POINTS, new SplittableRandom(21)).points();
        StringBuilder csv = new StringBuilder("x0,x1,label\n");
        for (double[] p : x) {
            csv.append(p[0]).append(',').append(p[1]).append(",7\n");
        }
        return Files.writeString(tmp.resolve("points.csv"), csv);
    }

    private static double[][] read(Path csv, int skipColumns) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        double[][] rows = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            rows[i - 1] = new double[] {Double.parseDouble(cells[skipColumns]), Double.parseDouble(cells[skipColumns + 1])};
        }
        return rows;
    }

    @Test
    void decodeInvertsEncodeThroughTheLatentsFile() throws IOException {
        Path csv = pointsCsv();
        Path enc = tmp.resolve("enc");
        String[] tol = {"--rtol", "1e-7", "--atol", "1e-7", "--double", "--threads", "1"};
        CliTest.Run e = run(concat(new String[] {"encode", "--model", "gmm8", "--sde", "vp", "--data", csv.toString(), "--out", enc.toString()}, tol));
        assertEquals(0, e.code(), e.err());
        assertEquals("z0,z1", Files.readAllLines(enc.resolve("latents.csv")).get(0));
        double[][] z = read(enc.resolve("latents.csv"), 0);
        assertEquals(POINTS, z.length);
        assertFalse(Files.exists(enc.resolve("latents.png")), "points get no pictures");

        // Exact draws of p_eps flow to p_T, which under VP is N(a(T) mu, a(T)^2 C + s(T)^2 I) ~
        // N(0, I) (a(1) = 0.0066): the latents' per-coordinate variance is ~1. With 400 values
        // its standard error is sqrt(2 / 400) ~ 0.07; 0.25 is over 3.5 of them.
        double squares = 0;
        for (double[] row : z) {
            squares += row[0] * row[0] + row[1] * row[1];
        }
        double variance = squares / (2 * POINTS);
        JsonNode s = new ObjectMapper().readTree(enc.resolve("summary.json").toFile());
        System.out.printf("encode gmm8: latent variance %.3f, round trip %s%n", variance, s.get("round_trip"));
        assertEquals(1, variance, 0.25, "latent variance");
        // LatentCodecTest measures round trips below 1e-6 at rtol 1e-7 in float64.
        double roundTrip = s.get("round_trip").get("max_abs_error").asDouble();
        assertTrue(roundTrip < 1e-4, "round trip " + roundTrip);
        assertEquals(POINTS, s.get("n").asInt());
        assertTrue(s.get("nfe_encode").asInt() > 0 && s.get("nfe_decode").asInt() > 0);

        Path dec = tmp.resolve("dec");
        CliTest.Run d = run(concat(new String[] {"decode", "--model", "gmm8", "--latents", enc.resolve("latents.csv").toString(),
            "--out", dec.toString()}, tol));
        assertEquals(0, d.code(), d.err());
        double[][] x = read(csv, 0);
        double[][] back = read(dec.resolve("decoded.csv"), 0);
        double max = 0;
        for (int i = 0; i < POINTS; i++) {
            max = Math.max(max, Math.max(Math.abs(back[i][0] - x[i][0]), Math.abs(back[i][1] - x[i][1])));
        }
        // The file is lossless and decode batches as encode did, so decode repeats encode's own
        // round trip to the last bit (up to the decimal printing of the originals).
        assertEquals(roundTrip, max, 1e-12, "decode of latents.csv reproduces encode's round trip");
    }

    @Test
    void interpolationEndsAtTheTwoExamples() throws IOException {
        Path csv = pointsCsv();
        Path dir = tmp.resolve("interp");
        CliTest.Run r = run("interpolate", "--model", "gmm8", "--data", csv.toString(), "--pair", "3,5", "--frames", "5", "--double",
                "--rtol", "1e-7", "--atol", "1e-7", "--out", dir.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("interpolation.csv"));
        assertEquals("frame,u,x0,x1", lines.get(0));
        assertEquals(6, lines.size());
        assertEquals(0.5, Double.parseDouble(lines.get(3).split(",")[1]), 1e-15);
        double[][] frames = read(dir.resolve("interpolation.csv"), 2);
        double[][] x = read(csv, 0);
        // slerp at u = 0 and 1 returns the latents themselves, so the ends are round trips (< 1e-4 as above).
        for (int k = 0; k < 2; k++) {
            assertEquals(x[3][k], frames[0][k], 1e-4);
            assertEquals(x[5][k], frames[4][k], 1e-4);
        }
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertTrue(s.get("end_frames_error").get("max_abs_error").asDouble() < 1e-4);
        assertFalse(Files.exists(dir.resolve("interpolation.png")), "points get no strip");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "decode --latents LATENTS3|has 3 columns but the model's latents have 2",
        "decode --latents MISSING|no such latents file",
        "decode --latents LATENTS2 --rtol 0|--rtol",
        "interpolate --data POINTS --pair 0,0|two different indices",
        "interpolate --data POINTS --pair 0|two different indices",
        "interpolate --data POINTS --pair 0,9|out of range",
        "interpolate --data POINTS --frames 1|--frames",
        "encode --data POINTS --n 0|--n",
        "encode --data POINTS --atol -1|--atol",
        "encode --data PNGS|holds images",
        "encode --data nowhere|unknown data"})
    void badInputIsOneLineAndNothingIsWritten(String spec) throws IOException {
        String[] parts = spec.split("\\|");
        Path dir = tmp.resolve("never");
        Files.createDirectories(tmp.resolve("pngs"));
        String line = parts[0].replace("LATENTS3", Files.writeString(tmp.resolve("z3.csv"), "z0,z1,z2\n1,2,3\n").toString())
                .replace("LATENTS2", Files.writeString(tmp.resolve("z2.csv"), "z0,z1\n1,2\n").toString())
                .replace("MISSING", tmp.resolve("missing.csv").toString())
                .replace("POINTS", Files.writeString(tmp.resolve("p.csv"), "x0,x1\n1,2\n3,4\n").toString())
                .replace("PNGS", tmp.resolve("pngs").toString());
        LikelihoodCommandTest.assertBadInput(run(concat(line.split(" "), new String[] {"--model", "gmm8", "--out", dir.toString()})), parts[1], dir);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
