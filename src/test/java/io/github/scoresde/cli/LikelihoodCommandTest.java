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

/** {@code scoresde likelihood} on the exact gmm8 score: values against the mixture oracle, and bad input. */
class LikelihoodCommandTest {
    private static final int POINTS = 20;

    @TempDir
    Path tmp;

    /** Exact draws of gmm8 with an extra label column, as CSV with a header. */
    private Path pointsCsv(GaussianMixture mixture) throws IOException {
        GaussianMixture.Draws draws = mixture.sample(POINTS, new SplittableRandom(11));
        StringBuilder csv = new StringBuilder("x0,x1,component\n");
        for (int i = 0; i < POINTS; i++) {
            csv.append(draws.points()[i][0]).append(',').append(draws.points()[i][1]).append(',').append(draws.components()[i]).append('\n');
        }
        return Files.writeString(tmp.resolve("points.csv"), csv);
    }

    @Test
    void gmm8UnderVpMatchesTheOracleAtEps() throws IOException {
        GaussianMixture mixture = Mixtures.byNameOrFile("gmm8");
        Path csv = pointsCsv(mixture);
        Path dir = tmp.resolve("run");
        CliTest.Run r = run("likelihood", "--model", "gmm8", "--sde", "vp", "--data", csv.toString(), "--out", dir.toString(),
                "--threads", "1");
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(dir.resolve("loglik.csv"));
        assertEquals("index,loglik", rows.get(0), "points get no bpd");
        assertEquals(POINTS + 1, rows.size());

        // The command reports log p_eps (eps = 1e-3 for VP): compare with the oracle's p_eps, the
        // mixture diffused to eps. The difference holds the solver error (max |err| <= 1000 rtol =
        // 0.01 at rtol 1e-5 in ExactLikelihoodTest), float32 round-off (~1e-4 relative) and the
        // prior's mismatch with p_T (up to ~0.015 nats, see ExactLikelihoodTest); 0.05 bounds their
        // sum. Measured max |err| here: see the assertion message.
        VpSde sde = new VpSde();
        GaussianMixture atEps = mixture.diffused(sde.a(sde.eps()), sde.s(sde.eps()));
        List<String> points = Files.readAllLines(csv);
        double maxError = 0;
        double sum = 0;
        for (int i = 1; i <= POINTS; i++) {
            String[] row = rows.get(i).split(",");
            String[] p = points.get(i).split(",");
            assertEquals(i - 1, Integer.parseInt(row[0]));
            double exact = atEps.logDensity(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
            double value = Double.parseDouble(row[1]);
            maxError = Math.max(maxError, Math.abs(value - exact));
            sum += value;
        }
        System.out.printf("gmm8 vp likelihood CLI: max |loglik - log p_eps| = %.3g%n", maxError);
        assertTrue(maxError < 0.05, "max |loglik - log p_eps| = " + maxError);

        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(sum / POINTS, s.get("loglik").get("mean").asDouble(), 1e-9);
        assertTrue(s.get("loglik").get("standard_error").asDouble() > 0);
        assertFalse(s.has("bpd"));
        assertEquals("exact", s.get("estimator").asText(), "exact is the default for D = 2");
        assertEquals(POINTS, s.get("n").asInt());
        assertTrue(s.get("nfe_total").asInt() > 0);
        assertEquals(1, s.get("nfe_per_batch").size());
        assertEquals(1e-3, s.get("eps").asDouble());
        assertTrue(r.out().contains("log-likelihood"), r.out());
    }

    @Test
    void hutchinsonWithProbesAndALimitRuns() throws IOException {
        Path csv = pointsCsv(Mixtures.byNameOrFile("gmm8"));
        Path dir = tmp.resolve("hutchinson");
        CliTest.Run r = run("likelihood", "--model", "gmm8", "--data", csv.toString(), "--estimator", "rademacher", "--probes", "2",
                "--rtol", "1e-3", "--atol", "1e-3", "--n", "5", "--out", dir.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(6, Files.readAllLines(dir.resolve("loglik.csv")).size());
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("rademacher", s.get("estimator").asText());
        assertEquals(2, s.get("probes").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x0\n1\n|line 2 has 1 columns", "1,2\n3,4\n|not a header", "x0,x1\n1,abc\n|line 2 column 2", "x0,x1\n1,NaN\n|finite",
        "x0,x1\n|no points", "x0,x1,x2\n1,2,3\n|--rtol 0|--rtol", "x0,x1\n1,2\n|--atol -1|--atol",
        "x0,x1\n1,2\n|--estimator rademacher --probes 0|--probes", "x0,x1\n1,2\n|--sde nope|unknown SDE",
        "x0,x1\n1,2\n|--estimator nope|unknown estimator", "x0,x1\n1,2\n|--n 0|--n",
        "x0,x1\n1,2\n|--probes 2|exact divergence uses no probes", "x0,x1\n1,2\n|--checkpoint none.ckpt|exactly one"})
    void badInputIsOneLineAndNothingIsWritten(String spec) throws IOException {
        String[] parts = spec.split("\\|");
        Path csv = Files.writeString(tmp.resolve("bad.csv"), parts[0]);
        String extra = parts.length == 3 ? parts[1] : "";
        String expected = parts[parts.length - 1];
        Path dir = tmp.resolve("never");
        String line = "likelihood --model gmm8 --data " + csv + " --out " + dir + (extra.isEmpty() ? "" : " " + extra);
        assertBadInput(run(line.split(" ")), expected, dir);
    }

    @Test
    void exactDivergenceIsRefusedAboveSixtyFourDimensions() throws IOException {
        Path json = Files.writeString(tmp.resolve("big.json"), "{\"weights\": [1], \"means\": [" + zeros(65) + "], \"covariances\": ["
                + identity(65) + "]}");
        Path csv = Files.writeString(tmp.resolve("big.csv"), "h\n");
        Path dir = tmp.resolve("never");
        assertBadInput(run("likelihood", "--model", json.toString(), "--data", csv.toString(), "--estimator", "exact", "--out", dir.toString()),
                "vector-Jacobian products", dir);
    }

    @Test
    void imagesForAPointModelAndUnknownDataAreRefused() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("pngs"));
        Path dir = tmp.resolve("never");
        assertBadInput(run("likelihood", "--model", "gmm8", "--data", folder.toString(), "--out", dir.toString()), "holds images", dir);
        assertBadInput(run("likelihood", "--model", "gmm8", "--data", "nowhere", "--out", dir.toString()), "unknown data", dir);
        assertBadInput(run("likelihood", "--model", "gmm8", "--data", "missing.csv", "--out", dir.toString()), "no such data file", dir);
    }

    @Test
    void helpNamesTheDefaults() {
        CliTest.Run r = run("likelihood", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("1000 images") && r.out().contains("exact for D <= 16"), r.out());
    }

    /** Exit code 2, one line on stderr that starts with "error: " and contains {@code expected}, and no {@code dir}. */
    static void assertBadInput(CliTest.Run r, String expected, Path dir) {
        assertEquals(2, r.code(), r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("error: ") && err.contains(expected), expected + " -> " + err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(Files.exists(dir), "nothing written");
    }

    private static String zeros(int d) {
        return "[" + "0,".repeat(d - 1) + "0]";
    }

    private static String identity(int d) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < d; i++) {
            s.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < d; j++) {
                s.append(j == 0 ? "" : ",").append(i == j ? 1 : 0);
            }
            s.append(']');
        }
        return s.append(']').toString();
    }
}
