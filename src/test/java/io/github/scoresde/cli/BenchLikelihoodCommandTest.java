package io.github.scoresde.cli;

import static io.github.scoresde.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench likelihood} on gmm8: its files, and that the exact divergence's error falls with the tolerance. */
class BenchLikelihoodCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheTablesAndThePlotAndTheErrorFallsWithTheTolerance() throws IOException {
        Path dir = tmp.resolve("bench");
        CliTest.Run r = run("bench", "likelihood", "--problems", "gmm8", "--estimators", "exact,rademacher", "--probes", "2", "--rtols", "1e-2,1e-5",
                "--n", "64", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("likelihood.csv"));
        assertEquals(5, lines.size(), "two estimators x two tolerances");
        assertTrue(lines.get(0).startsWith("problem,dim,estimator,probes,rtol,nfe"), lines.get(0));
        String[] loose = lines.get(1).split(",");
        String[] tight = lines.get(2).split(",");
        assertEquals("exact", loose[2]);
        assertEquals("1.0E-5", tight[4]);
        // Measured 0.0125 nats at rtol 1e-2 and 2e-4 at 1e-5 (the rest is the prior gap of a
        // finite T): a 60x drop; asking for 10x leaves room for other seeds and machines.
        double errLoose = Double.parseDouble(loose[7]);
        double errTight = Double.parseDouble(tight[7]);
        assertTrue(errTight < errLoose / 10, errLoose + " -> " + errTight);
        assertTrue(Integer.parseInt(tight[5]) > Integer.parseInt(loose[5]), "a tighter tolerance costs more NFE");
        assertTrue(Files.readString(dir.resolve("likelihood.md")).contains("| gmm8 | 2 | rademacher x2 |"));
        assertTrue(Files.size(dir.resolve("likelihood.png")) > 1000);
    }

    @Test
    void badTolerancesAreOneLine() {
        Path dir = tmp.resolve("never");
        CliTest.Run r = run("bench", "likelihood", "--problems", "gmm8", "--rtols", "0", "--out", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().strip().startsWith("error: ") && r.err().contains("--rtols"), r.err());
        assertFalse(Files.exists(dir));
        CliTest.Run unknown = run("bench", "likelihood", "--problems", "nope", "--out", dir.toString());
        assertEquals(2, unknown.code(), unknown.err());
        assertFalse(Files.exists(dir));
    }
}
