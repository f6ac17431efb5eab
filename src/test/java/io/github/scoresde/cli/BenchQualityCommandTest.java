package io.github.scoresde.cli;

import static io.github.scoresde.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench quality} on gmm8 with a tiny configuration: its files, and the error falling with NFE. */
class BenchQualityCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheTablesAndThePlotAndTheErrorFallsWithNfe() throws IOException {
        Path dir = tmp.resolve("bench");
        CliTest.Run r = run("bench", "quality", "--problems", "gmm8", "--sdes", "vp", "--samplers", "em,dpmpp-3m,ode", "--nfe", "5,200",
                "--rtols", "1e-2", "--n", "2000", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("quality.csv"));
        assertTrue(lines.get(0).startsWith("problem,sde,sampler,steps,rtol,nfe"), lines.get(0));
        assertEquals(1 + 5 * 3, lines.size(), "em and dpmpp-3m at two NFE, ode at one tolerance, three metrics each");
        // dpmpp-3m at NFE 5 takes N = 5 (its minimum is 4), at 200 N = 200.
        String[] coarse = row(lines, "dpmpp-3m", 5, "variance_error");
        String[] fine = row(lines, "dpmpp-3m", 200, "variance_error");
        assertEquals("5", coarse[3]);
        // Measured 8.3 at 5 NFE (the multistep extrapolation overshoots on so coarse a grid) and
        // 0.0016 at 200 against a noise floor of 0.0025 (n = 2000). The floor is the mean |error|
        // of exact draws, about 0.8 standard deviations of that error, so 4 floors is ~3 sd.
        double floor = Double.parseDouble(fine[11]);
        assertTrue(Double.parseDouble(coarse[10]) > 10 * floor, "5 NFE: " + coarse[10] + " vs floor " + floor);
        assertTrue(Double.parseDouble(fine[10]) < 4 * floor, "200 NFE: " + fine[10] + " vs floor " + floor);
        String md = Files.readString(dir.resolve("quality.md"));
        assertTrue(md.contains("## About 20 NFE against Euler-Maruyama at 200") && md.contains("| dpmpp-3m | 5 |"), md);
        assertTrue(Files.size(dir.resolve("quality.png")) > 1000);
    }

    /** The CSV line of {@code sampler} at {@code nfe} for {@code metric}. */
    private static String[] row(List<String> lines, String sampler, int nfe, String metric) {
        return lines.stream().map(l -> l.split(",")).filter(c -> c[2].equals(sampler) && c[5].equals(String.valueOf(nfe)) && c[9].equals(metric))
                .findFirst().orElseThrow(() -> new AssertionError(sampler + " at " + nfe + " NFE: " + lines));
    }

    @Test
    void badInputIsOneLineAndWritesNothing() {
        Path dir = tmp.resolve("never");
        LikelihoodCommandTest.assertBadInput(run("bench", "quality", "--nfe", "0", "--out", dir.toString()), "--nfe", dir);
        LikelihoodCommandTest.assertBadInput(run("bench", "quality", "--rtols", "2", "--out", dir.toString()), "--rtols", dir);
        LikelihoodCommandTest.assertBadInput(run("bench", "quality", "--problems", "nope", "--out", dir.toString()), "nope", dir);
        // FID on the shipped MNIST classifier's features needs more images than features.
        LikelihoodCommandTest.assertBadInput(run("bench", "quality", "--checkpoint", "models/mnist-vp.ckpt", "--images", "10", "--out",
                dir.toString()), "--images and --reference-images", dir);
    }
}
