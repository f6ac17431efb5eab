package io.github.scoresde.cli;

import ai.djl.ndarray.NDManager;
import io.github.scoresde.UserInputException;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.train.Trainer;
import io.github.scoresde.train.data.ToyData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code scoresde bench train}: training steps per second and peak memory of the MLP on gmm8
 * with denoising score matching, per batch size and architecture.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Training speed of the MLP (denoising score matching on gmm8, VP) per batch size;",
            "writes train.csv and train.md to --out. One thread unless --threads says otherwise."})
final class BenchTrainCommand implements Callable<Integer> {
    /** PyTorch 1.13 (Python) on this project's machine, 1 thread, 2-128-128-2 SiLU MLP (../shared/DJL.md): ms/step. */
    private static final double[][] PYTORCH_REFERENCE = {{512, 2.5, 2.9}, {4096, 13.5, 15.3}};

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--batches", split = ",", paramLabel = "B", defaultValue = "512,4096", description = "Batch sizes (default 512,4096).")
    List<Integer> batches;

    @Option(names = "--blocks", split = ",", paramLabel = "R", defaultValue = "0,2",
            description = "Residual blocks of the width-128 MLP (default 0,2; 0 is closest to DJL.md's 2-128-128-2 MLP).")
    List<Integer> blocks;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "300", description = "Timed steps per configuration (default 300).")
    int steps;

    @Option(names = "--warmup-steps", paramLabel = "N", defaultValue = "50", description = "Untimed steps first (default 50).")
    int warmupSteps;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/bench", description = "Output folder (default runs/bench).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (steps < 1 || warmupSteps < 0 || batches.stream().anyMatch(b -> b < 1) || blocks.stream().anyMatch(r -> r < 0)) {
            throw new UserInputException("--steps must be >= 1, --warmup-steps >= 0, --batches >= 1 and --blocks >= 0");
        }
        Path dir = Outputs.prepareDir(out);
        run.applyThreads(1);
        StringBuilder csv = new StringBuilder("residual_blocks,batch,steps,ms_per_step,steps_per_second,peak_rss_mib,pytorch_ms_per_step,ratio_to_pytorch\n");
        List<String> table = new ArrayList<>();
        ToyData data = ToyData.mixture(io.github.scoresde.model.Mixtures.gmm8());
        for (int r : blocks) {
            for (int batch : batches) {
                TrainConfig c = ConfigLoader.parse("model: {width: 128, residual_blocks: " + r + "}\ntrain: {batch: " + batch + "}", "bench");
                double ms;
                try (NDManager manager = NDManager.newBaseManager()) {
                    NetworkScoreModel model = Setup.network(c, new VpSde(), new long[] {2}, 2.9, manager);
                    var settings = new Trainer.Settings(batch, 1e-3, 10, 1.0, 0.999, 0);
                    try (Trainer trainer = new Trainer(model, Setup.objective(c.objective()), data, settings, manager)) {
                        trainer.fit(warmupSteps, (s, l) -> {});
                        long start = System.nanoTime();
                        trainer.fit(warmupSteps + steps, (s, l) -> {});
                        ms = (System.nanoTime() - start) / 1e6 / steps;
                    }
                }
                double reference = reference(batch);
                double ratio = ms / reference;
                double rss = peakRssMib();
                csv.append(String.format(Locale.ROOT, "%d,%d,%d,%.3f,%.1f,%.0f,%s,%s%n", r, batch, steps, ms, 1000 / ms, rss,
                        Double.isNaN(reference) ? "" : String.format(Locale.ROOT, "%.2f", reference),
                        Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio)));
                table.add(String.format(Locale.ROOT, "| %d | %d | %.2f | %.0f | %.0f | %s |", r, batch, ms, 1000 / ms, rss,
                        Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio)));
                spec.commandLine().getErr().printf(Locale.ROOT, "blocks %d batch %d: %.2f ms/step%n", r, batch, ms);
            }
        }
        Outputs.writeText(dir.resolve("train.csv"), csv.toString());
        Outputs.writeText(dir.resolve("train.md"), "# Training speed: MLP width 128, DSM on gmm8 under VP\n\n"
                + "Threads: " + System.getProperty("ai.djl.pytorch.num_threads") + ". Ratio: ms/step divided by the"
                + " midpoint of PyTorch 1.13's figure in ../shared/DJL.md (2-128-128-2 SiLU MLP, 1 thread) for that batch;"
                + " it compares like with like for 0 residual blocks only (the 2-block network does about 2.5 times the work)."
                + " Peak RSS is the process's high-water mark so far (it only grows down the table).\n\n"
                + "| residual blocks | batch | ms/step | steps/s | peak RSS MiB | ratio to PyTorch |\n|---:|---:|---:|---:|---:|---:|\n"
                + String.join("\n", table) + "\n");
        spec.commandLine().getOut().println("wrote " + dir.resolve("train.csv") + " and train.md");
        return 0;
    }

    private static double reference(int batch) {
        for (double[] row : PYTORCH_REFERENCE) {
            if (row[0] == batch) {
                return 0.5 * (row[1] + row[2]);
            }
        }
        return Double.NaN;
    }

    /** The process's peak resident set (VmHWM) in MiB, NaN where /proc is not there. */
    private static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
