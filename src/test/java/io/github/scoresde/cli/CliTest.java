package io.github.scoresde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
    @TempDir
    Path tmp;

    /** Exit code, stdout and stderr of one command line. */
    record Run(int code, String out, String err) {}

    /** Runs one command line with captured writers (other CLI tests use it too). */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ScoresdeCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void sampleWritesCsvPlotAndMetrics() throws IOException {
        Path dir = tmp.resolve("run");
        Run r = run("sample", "--model", "gmm8", "--sde", "vp", "--sampler", "pc", "--steps", "20", "--n", "300",
                "--seed", "3", "--out", dir.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("samples.csv"));
        assertEquals("x0,x1", lines.get(0));
        assertEquals(301, lines.size());
        assertTrue(Files.size(dir.resolve("samples.png")) > 1000);
        JsonNode m = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        assertEquals(40, m.get("nfe").asInt(), "pc with one corrector step: 2 calls per step");
        assertTrue(m.get("metrics").get("sliced_w2").isNumber());
        assertEquals(8, m.get("metrics").get("mode_weights").size());
        assertEquals(3, m.get("provenance").get("seed").asInt());
        assertEquals("reverse-diffusion", m.get("settings").get("predictor").asText());
    }

    @Test
    void sameSeedSameSamples() throws IOException {
        String[] base = {"sample", "--sampler", "em", "--steps", "10", "--n", "50", "--seed", "9", "--threads", "1", "--out"};
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, run(concat(base, a.toString())).code());
        assertEquals(0, run(concat(base, b.toString())).code());
        assertEquals(Files.readAllLines(a.resolve("samples.csv")), Files.readAllLines(b.resolve("samples.csv")));
    }

    private static String[] concat(String[] a, String last) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }

    @Test
    void sampleInDoublePrecision() throws IOException {
        Path dir = tmp.resolve("double");
        Run r = run("sample", "--sampler", "ode-heun", "--steps", "10", "--n", "100", "--double", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("float64", new ObjectMapper().readTree(dir.resolve("metrics.json").toFile()).get("dtype").asText());
    }

    @Test
    void sampleLoadsAMixtureFile() throws IOException {
        Path json = tmp.resolve("mix.json");
        Files.writeString(json, "{\"weights\": [2, 2], \"means\": [[0, 0, 0], [3, 3, 3]],"
                + " \"covariances\": [[[1,0,0],[0,1,0],[0,0,1]], [[1,0.5,0],[0.5,1,0],[0,0,1]]]}");
        Path dir = tmp.resolve("mix");
        Run r = run("sample", "--model", json.toString(), "--sde", "ve", "--sigma-max", "10", "--sampler", "ode",
                "--n", "200", "--out", dir.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals("x0,x1,x2", Files.readAllLines(dir.resolve("samples.csv")).get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--sampler nope", "--sde nope", "--model nope", "--model missing.json", "--steps 0", "--steps -3", "--n 0",
        "--rtol 0", "--rtol -1e-3", "--atol 0", "--snr -1", "--corrector-steps 0", "--eps 0", "--threads 0",
        "--sampler ancestral --sde edm", "--sampler ald --sde vp", "--sigma-max 0.001 --sde ve", "--steps abc",
        "--sampler dpmpp-3m --steps 3", "--sampler dpmpp-2m --steps 2", "--sampler edm-heun --steps 1", "--sampler ode-rk4 --steps 1"})
    void badInputIsOneLineAndExitCodeTwo(String args) {
        Path dir = tmp.resolve("bad");
        String[] full = ("sample --n 20 --steps 3 --out " + dir + " " + args).split(" ");
        Run r = run(full);
        assertEquals(2, r.code(), args + " -> " + r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("error: "), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception"), "no stack trace: " + err);
        assertFalse(Files.exists(dir.resolve("samples.csv")), "nothing written");
    }

    /** Too few steps for a solver's order: the line says what the sampler needs and the least --steps. */
    @Test
    void tooFewStepsNameTheMinimum() {
        Path dir = tmp.resolve("never");
        Run r = run("sample", "--sampler", "dpmpp-3m", "--steps", "3", "--n", "20", "--out", dir.toString());
        LikelihoodCommandTest.assertBadInput(r, "3 steps (--steps, sample.steps) are too few for dpmpp-3m: its order-3 multistep update needs 2"
                + " earlier points before a step between two positive noise levels; use at least 4", dir);
    }

    @Test
    void unwritableOutputIsAUserError() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Run r = run("sample", "--n", "20", "--steps", "3", "--out", file.resolve("sub").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: cannot write to output directory"), r.err());
    }

    @Test
    void malformedMixtureFileNamesTheProblem() throws IOException {
        Path json = tmp.resolve("bad.json");
        Files.writeString(json, "{\"weights\": [1], \"means\": [[0, 0]], \"covariances\": [[[1, 0], [0, -1]]]}");
        Run r = run("sample", "--model", json.toString(), "--n", "20", "--steps", "3", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("component 0") && r.err().contains("not positive definite"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "train --help", "sample --help", "bench --help", "bench samplers --help", "bench train --help", "bench quality --help", "demo --help", "--version"})
    void helpWorksEverywhere(String args) {
        Run r = run(args.split(" "));
        assertEquals(0, r.code());
        assertFalse(r.out().isBlank());
    }

    @Test
    void benchSamplersWritesTableCsvAndPlot() throws IOException {
        Path dir = tmp.resolve("bench");
        Run r = run("bench", "samplers", "--sdes", "vp,subvp", "--samplers", "em,ancestral,ode", "--steps", "5,10",
                "--rtols", "1e-2", "--n", "200", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("samplers.csv"));
        assertTrue(csv.get(0).startsWith("sde,sampler,steps,rtol,nfe"));
        // vp: em x2, ancestral x2, ode x1; subvp: em x2, ode x1 (ancestral is not defined there).
        assertEquals(1 + 5 + 3, csv.size(), String.join("\n", csv));
        assertTrue(r.err().contains("skip ancestral under subvp"));
        assertTrue(Files.readString(dir.resolve("samplers.md")).contains("| vp | em | 5 |"));
        assertTrue(Files.size(dir.resolve("samplers.png")) > 1000);
    }

    @Test
    void trainWritesCheckpointsLossAndSamplesAndResumes() throws IOException {
        Path dir = tmp.resolve("train");
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), "data: moons\nsde: {name: vp}\n"
                + "model: {width: 16, residual_blocks: 1}\ntrain: {steps: 30, batch: 32, checkpoint_every: 20}\n"
                + "sample: {sampler: em, steps: 10, n: 100, every: 10}\n");
        Run first = run("train", "--config", config.toString(), "--out", dir.toString(), "--threads", "1");
        assertEquals(0, first.code(), first.err());
        for (String f : List.of("config.yaml", "loss.csv", "loss.png", "samples.csv", "samples.png", "metrics.json",
                "checkpoints/last.ckpt", "checkpoints/step-00000020.ckpt", "checkpoints/step-00000030.ckpt",
                "progress/step-00000010.png", "progress/step-00000020.json", "model.ckpt")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        assertFalse(Files.exists(dir.resolve("checkpoints/step-00000010.ckpt")), "a sample point is not a checkpoint");
        assertEquals(31, Files.readAllLines(dir.resolve("loss.csv")).size());

        Run again = run("train", "--config", config.toString(), "--out", dir.toString());
        assertEquals(2, again.code(), "a second run must not overwrite the first");
        assertTrue(again.err().contains("--resume"), again.err());

        Run changed = run("train", "--resume", "--seed", "99", "--out", dir.toString());
        assertEquals(2, changed.code(), "the seed cannot change on resume");

        Run resumed = run("train", "--resume", "--steps", "50", "--out", dir.toString(), "--threads", "1");
        assertEquals(0, resumed.code(), resumed.err());
        List<String> loss = Files.readAllLines(dir.resolve("loss.csv"));
        assertEquals(51, loss.size());
        assertTrue(loss.get(50).startsWith("50,"));

        assertTrue(Files.size(dir.resolve("model.ckpt")) < Files.size(dir.resolve("checkpoints/last.ckpt")) / 3);
        Path sampled = tmp.resolve("sampled");
        Run sample = run("sample", "--checkpoint", dir.resolve("model.ckpt").toString(), "--sampler", "ode-heun",
                "--steps", "10", "--n", "100", "--out", sampled.toString());
        assertEquals(0, sample.code(), sample.err());
        assertTrue(Files.exists(sampled.resolve("samples.png")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"train: {lrr: 3}", "train: {lr: -3}", "train: {batch: 0}", "model: {width: 0}",
        "sde: {name: xx}", "data: nowhere", "objective: {weighting: odd}", "train: [1,", "", "sample: {every: -1}",
        "model: {channels: 8}", "model: {network: unet, width: 8}", "model: {network: unet, channel_mult: [1, 0]}",
        "model: {network: unet, channels: 12, groups: 8}", "model: {network: unet, attention_levels: [3]}",
        "model: {network: unet}"})
    void badTrainConfigsAreOneLineErrors(String yaml) throws IOException {
        Path config = Files.writeString(tmp.resolve("bad.yaml"), yaml + "\n");
        Path dir = tmp.resolve("never");
        Run r = run("train", "--config", config.toString(), "--out", dir.toString());
        assertEquals(2, r.code(), yaml + " -> " + r.err());
        assertFalse(r.err().strip().contains("\n"), r.err());
        assertFalse(Files.exists(dir), "nothing written for a bad config");
    }

    @Test
    void damagedCheckpointIsRefused() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.ckpt"), "not a checkpoint");
        Run r = run("sample", "--checkpoint", bad.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a scoresde checkpoint"), r.err());
    }

    @Test
    void benchTrainWritesCsvAndTable() throws IOException {
        Path dir = tmp.resolve("bench-train");
        Run r = run("bench", "train", "--steps", "3", "--warmup-steps", "1", "--batches", "16", "--blocks", "0,1",
                "--unets", "8:1-2:1", "--unet-batches", "2", "--unet-steps", "1", "--profile-steps", "2", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("train.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("0,16,3,"), csv.get(1));
        assertOutsidePercentInLastColumns(csv);
        assertOutsidePercentInLastColumns(Files.readAllLines(dir.resolve("train-unet.csv")));
        String table = Files.readString(dir.resolve("train.md"));
        assertTrue(table.contains("| 1 | 16 |"));
        assertEquals(2, table.split("\\| outside libtorch \\|", -1).length - 1, table);
    }

    @Test
    void benchTrainWithoutProfileLeavesOutsideLibtorchEmpty() throws IOException {
        Path dir = tmp.resolve("bench-train-no-profile");
        Run r = run("bench", "train", "--steps", "2", "--warmup-steps", "0", "--batches", "8", "--blocks", "0",
                "--networks", "mlp", "--no-profile", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("train.csv"));
        assertTrue(csv.get(0).endsWith(",outside_libtorch,profiled_ms_per_step") && csv.get(1).endsWith(",,"), String.join("\n", csv));
    }

    /** Every row ends in the share of profiled step time no libtorch op covers (percent) and the profiled ms/step. */
    private static void assertOutsidePercentInLastColumns(List<String> csv) {
        assertTrue(csv.get(0).endsWith(",outside_libtorch,profiled_ms_per_step"), csv.get(0));
        for (String row : csv.subList(1, csv.size())) {
            String[] fields = row.split(",", -1);
            double percent = Double.parseDouble(fields[fields.length - 2]);
            assertTrue(percent >= 0 && percent <= 100, row);
            assertTrue(Double.parseDouble(fields[fields.length - 1]) > 0, row);
        }
    }

    @Test
    void demoWritesOneFolderPerSdeAndAPicture() throws IOException {
        Path dir = tmp.resolve("demo");
        Run r = run("demo", "--n", "200", "--steps", "10", "--out", dir.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        for (String sde : List.of("ve", "vp", "subvp")) {
            assertTrue(Files.exists(dir.resolve(sde).resolve("metrics.json")), sde);
        }
        assertTrue(Files.size(dir.resolve("demo.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("| subvp |"));
    }
}
