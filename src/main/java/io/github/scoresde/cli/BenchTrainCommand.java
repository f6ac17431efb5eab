package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.scoresde.UserInputException;
import io.github.scoresde.bench.LibtorchShare;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.model.Parameterization;
import io.github.scoresde.model.net.UNet;
import io.github.scoresde.sde.VpSde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.train.DenoisingScoreMatching;
import io.github.scoresde.train.Objective;
import io.github.scoresde.train.Trainer;
import io.github.scoresde.train.data.DataSource;
import io.github.scoresde.train.data.ToyData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code scoresde bench train}: training steps per second and peak memory with denoising score
 * matching under VP, per batch size and architecture: the MLP on gmm8 and U-Nets on 1x28x28.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Training speed (denoising score matching, VP) per batch size:",
            "the MLP on gmm8 and U-Nets on 1x28x28; writes train.csv, train-unet.csv",
            "and train.md to --out, with the share of each step spent outside libtorch ops",
            "(PyTorch's profiler, on extra steps after the timed ones).",
            "One thread unless --threads says otherwise."})
final class BenchTrainCommand implements Callable<Integer> {
    /** PyTorch 1.13 (Python) on this project's machine, 1 thread, 2-128-128-2 SiLU MLP (../shared/DJL.md): ms/step. */
    private static final double[][] PYTORCH_REFERENCE = {{512, 2.5, 2.9}, {4096, 13.5, 15.3}};
    private static final long[] MNIST_SHAPE = {1, 28, 28};
    /** GroupNorm groups of the timed U-Nets: 8 divides 16, 24, 32, 48 and 64 channels. */
    private static final int UNET_GROUPS = 8;
    private static final int UNET_WARMUP_STEPS = 3;

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

    @Option(names = "--networks", split = ",", paramLabel = "NAME", defaultValue = "mlp,unet",
            description = "Networks to time: mlp, unet (default both).")
    List<String> networks;

    @Option(names = "--unets", split = ",", paramLabel = "SPEC", defaultValue = "32:1-2-2:1:2,32:1-2-2:2,24:1-2-2:1,16:1-2-2:1",
            description = "U-Nets on 1x28x28 as BASE:M1-M2-...:RES_BLOCKS[:ATTENTION_LEVELS], GroupNorm groups "
                    + UNET_GROUPS + " (default 32:1-2-2:1:2,32:1-2-2:2,24:1-2-2:1,16:1-2-2:1).")
    List<String> unets;

    @Option(names = "--unet-batches", split = ",", paramLabel = "B", defaultValue = "64", description = "U-Net batch sizes (default 64).")
    List<Integer> unetBatches;

    @Option(names = "--unet-steps", paramLabel = "N", defaultValue = "30",
            description = "Timed U-Net steps per configuration, after " + UNET_WARMUP_STEPS + " untimed ones (default 30).")
    int unetSteps;

    @Option(names = "--profile-steps", paramLabel = "N", defaultValue = "10",
            description = "Steps run under PyTorch's profiler after the timed ones, for the share of time outside libtorch (default 10).")
    int profileSteps;

    @Option(names = "--no-profile", description = "Skip the profiled steps; the outside-libtorch column stays empty.")
    boolean noProfile;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/bench", description = "Output folder (default runs/bench).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (steps < 1 || warmupSteps < 0 || batches.stream().anyMatch(b -> b < 1) || blocks.stream().anyMatch(r -> r < 0)
                || unetSteps < 1 || unetBatches.stream().anyMatch(b -> b < 1) || profileSteps < 1) {
            throw new UserInputException("--steps, --unet-steps and --profile-steps must be >= 1, --warmup-steps >= 0,"
                    + " --batches and --unet-batches >= 1 and --blocks >= 0");
        }
        if (networks.isEmpty() || !List.of("mlp", "unet").containsAll(networks)) {
            throw new UserInputException("--networks takes mlp and/or unet, got " + String.join(",", networks));
        }
        List<UNet.Config> unetConfigs = unets.stream().map(BenchTrainCommand::unetConfig).toList();
        Path dir = Outputs.prepareDir(out);
        run.applyThreads(1);
        StringBuilder markdown = new StringBuilder();
        if (networks.contains("mlp")) {
            markdown.append(benchMlp(dir));
        }
        if (networks.contains("unet")) {
            markdown.append(markdown.isEmpty() ? "" : "\n").append(benchUNet(dir, unetConfigs));
        }
        Outputs.writeText(dir.resolve("train.md"), markdown.toString());
        spec.commandLine().getOut().println("wrote " + dir.resolve("train.md") + " and its csv files");
        return 0;
    }

    private String benchMlp(Path dir) {
        StringBuilder csv = new StringBuilder("residual_blocks,batch,steps,ms_per_step,steps_per_second,peak_rss_mib,pytorch_ms_per_step,"
                + "ratio_to_pytorch,outside_libtorch,profiled_ms_per_step\n");
        List<String> table = new ArrayList<>();
        ToyData data = ToyData.mixture(io.github.scoresde.model.Mixtures.gmm8());
        for (int r : blocks) {
            for (int batch : batches) {
                TrainConfig c = ConfigLoader.parse("model: {width: 128, residual_blocks: " + r + "}\ntrain: {batch: " + batch + "}", "bench");
                StepTiming timing;
                try (NDManager manager = NDManager.newBaseManager()) {
                    NetworkScoreModel model = Setup.network(c, new VpSde(), new long[] {2}, 2.9, manager);
                    timing = time(model, Setup.objective(c.objective()), data, batch, warmupSteps, steps, manager);
                }
                double ms = timing.msPerStep();
                double reference = reference(batch);
                double ratio = ms / reference;
                double rss = peakRssMib();
                csv.append(String.format(Locale.ROOT, "%d,%d,%d,%.3f,%.1f,%.0f,%s,%s,%s,%s%n", r, batch, steps, ms, 1000 / ms, rss,
                        orEmpty("%.2f", reference), orEmpty("%.2f", ratio), orEmpty("%.1f", timing.outsidePercent()),
                        orEmpty("%.3f", timing.profiledMsPerStep())));
                table.add(String.format(Locale.ROOT, "| %d | %d | %.2f | %.0f | %.0f | %s | %s |", r, batch, ms, 1000 / ms, rss,
                        orEmpty("%.2f", ratio), orEmpty("%.0f%%", timing.outsidePercent())));
                spec.commandLine().getErr().printf(Locale.ROOT, "blocks %d batch %d: %.2f ms/step%s%n", r, batch, ms,
                        orEmpty(", %.0f%% outside libtorch", timing.outsidePercent()));
            }
        }
        Outputs.writeText(dir.resolve("train.csv"), csv.toString());
        return "# Training speed: MLP width 128, DSM on gmm8 under VP\n\n"
                + "Threads: " + System.getProperty("ai.djl.pytorch.num_threads") + ". Ratio: ms/step divided by the"
                + " midpoint of PyTorch 1.13's figure in ../shared/DJL.md (2-128-128-2 SiLU MLP, 1 thread) for that batch;"
                + " it compares like with like for 0 residual blocks only (the 2-block network does about 2.5 times the work)."
                + " Peak RSS is the process's high-water mark so far (it only grows down the table). " + outsideNote() + "\n\n"
                + "| residual blocks | batch | ms/step | steps/s | peak RSS MiB | ratio to PyTorch | outside libtorch |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|\n"
                + String.join("\n", table) + "\n";
    }

    private String benchUNet(Path dir, List<UNet.Config> configs) {
        StringBuilder csv = new StringBuilder("base_channels,channel_multipliers,res_blocks,attention_levels,parameters,batch,steps,"
                + "ms_per_step,steps_per_second,peak_rss_mib,outside_libtorch,profiled_ms_per_step\n");
        List<String> table = new ArrayList<>();
        DataSource images = new NoiseImages(MNIST_SHAPE);
        for (UNet.Config config : configs) {
            for (int batch : unetBatches) {
                StepTiming timing;
                long parameters;
                try (NDManager manager = NDManager.newBaseManager()) {
                    UNet net = new UNet(config);
                    new Rng(0).seedEngineFor(() -> net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28), new Shape(1)));
                    parameters = net.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
                    NetworkScoreModel model = new NetworkScoreModel(net, new VpSde(), new Parameterization.Edm(0.5),
                            new ParameterStore(manager, false));
                    Objective dsm = new DenoisingScoreMatching(DenoisingScoreMatching.Weighting.SQUARED_STD, 1e-5);
                    timing = time(model, dsm, images, batch, UNET_WARMUP_STEPS, unetSteps, manager);
                }
                double ms = timing.msPerStep();
                double rss = peakRssMib();
                String mult = Arrays.stream(config.channelMultipliers()).mapToObj(Integer::toString).collect(Collectors.joining("-"));
                String attention = Arrays.stream(config.attentionLevels()).mapToObj(Integer::toString).collect(Collectors.joining("-"));
                csv.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%d,%d,%d,%.1f,%.2f,%.0f,%s,%s%n", config.baseChannels(), mult,
                        config.resBlocks(), attention, parameters, batch, unetSteps, ms, 1000 / ms, rss,
                        orEmpty("%.1f", timing.outsidePercent()), orEmpty("%.1f", timing.profiledMsPerStep())));
                table.add(String.format(Locale.ROOT, "| %d | %s | %d | %s | %d | %.1f | %d | %.0f | %.2f | %.0f | %s |",
                        config.baseChannels(), mult, config.resBlocks(), attention.isEmpty() ? "none" : attention, parameters,
                        parameters * 4 / 1048576.0, batch, ms, 1000 / ms, rss, orEmpty("%.0f%%", timing.outsidePercent())));
                spec.commandLine().getErr().printf(Locale.ROOT, "unet %s batch %d: %.0f ms/step%s%n", config, batch, ms,
                        orEmpty(", %.0f%% outside libtorch", timing.outsidePercent()));
            }
        }
        Outputs.writeText(dir.resolve("train-unet.csv"), csv.toString());
        return "# Training speed: U-Net on 1x28x28, DSM under VP\n\n"
                + "Threads: " + System.getProperty("ai.djl.pytorch.num_threads") + ". GroupNorm groups " + UNET_GROUPS
                + ", EDM preconditioning, Adam; inputs are Gaussian noise images (the step's cost does not depend on"
                + " the pixels). " + UNET_WARMUP_STEPS + " untimed steps, then " + unetSteps + " timed. Size: float32"
                + " parameters in MiB (the shipped weights). " + outsideNote() + "\n\n"
                + "| base | multipliers | res blocks | attention levels | parameters | MiB | batch | ms/step | steps/s | peak RSS MiB"
                + " | outside libtorch |\n|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n"
                + String.join("\n", table) + "\n";
    }

    /**
     * Milliseconds per training step (forward, backward, Adam, EMA), after {@code warmup} untimed
     * steps; then, unless --no-profile, the share of {@link #profileSteps} further steps spent
     * outside libtorch ops. Those run after the timed ones so the profiler's cost stays out of ms/step.
     */
    private StepTiming time(NetworkScoreModel model, Objective objective, DataSource data, int batch, int warmup, int timed,
            NDManager manager) {
        var settings = new Trainer.Settings(batch, 1e-3, 10, 1.0, 0.999, 0);
        try (Trainer trainer = new Trainer(model, objective, data, settings, manager)) {
            trainer.fit(warmup, (s, l) -> {});
            long start = System.nanoTime();
            trainer.fit(warmup + timed, (s, l) -> {});
            double ms = (System.nanoTime() - start) / 1e6 / timed;
            if (noProfile) {
                return new StepTiming(ms, Double.NaN, Double.NaN);
            }
            LibtorchShare share = LibtorchShare.measure(() -> trainer.fit(warmup + timed + profileSteps, (s, l) -> {}));
            return new StepTiming(ms, 100 * share.outsideFraction(), share.wallMicros() / 1e3 / profileSteps);
        }
    }

    /**
     * Timed milliseconds per step; the percentage of profiled step time outside libtorch and the
     * profiled milliseconds per step (their excess over the timed ones is the profiler's cost), NaN when not profiled.
     */
    private record StepTiming(double msPerStep, double outsidePercent, double profiledMsPerStep) {}

    private String outsideNote() {
        return noProfile ? "Outside libtorch: not measured (--no-profile)."
                : "Outside libtorch: share of the wall time of " + profileSteps + " further steps, run under PyTorch's profiler"
                + " after the timed ones, that no libtorch op covers (the union of op intervals over all threads): Java, DJL"
                + " and JNI overhead. Profiling slows steps, mostly inside ops (the csv's profiled_ms_per_step against"
                + " ms_per_step shows by how much), so read it as a rough figure that errs low; the csv gives it in percent.";
    }

    /** {@code value} formatted, or empty where it is NaN (not measured, or no reference). */
    private static String orEmpty(String format, double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
    }

    /** A U-Net config from BASE:M1-M2-...:RES_BLOCKS[:A1-A2...], e.g. 32:1-2-2:1:2. */
    private static UNet.Config unetConfig(String spec) {
        String[] parts = spec.split(":");
        try {
            if (parts.length < 3 || parts.length > 4) {
                throw new IllegalArgumentException("need 3 or 4 parts");
            }
            int[] attention = parts.length == 4 ? ints(parts[3]) : new int[0];
            return new UNet.Config(1, Integer.parseInt(parts[0]), ints(parts[1]), Integer.parseInt(parts[2]), attention,
                    UNET_GROUPS, 0, 0);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--unets entry '" + spec + "' is not BASE:M1-M2-...:RES_BLOCKS[:ATTENTION_LEVELS]"
                    + " (e.g. 32:1-2-2:1:2): " + e.getMessage());
        }
    }

    private static int[] ints(String dashed) {
        return Arrays.stream(dashed.split("-")).mapToInt(Integer::parseInt).toArray();
    }

    /** Standard normal images of a fixed shape, for timing. */
    private record NoiseImages(long[] exampleShape) implements DataSource {
        @Override
        public NDArray batch(NDManager manager, int size, DataType type, Rng rng) {
            long[] shape = new long[exampleShape.length + 1];
            shape[0] = size;
            System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
            return rng.normal(manager, new Shape(shape), type);
        }
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
