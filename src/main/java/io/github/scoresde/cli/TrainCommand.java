package io.github.scoresde.cli;

import ai.djl.ndarray.NDManager;
import io.github.scoresde.UserInputException;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.plot.LinePlot;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sample.SamplerSettings;
import io.github.scoresde.sample.StepListener;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.train.Checkpoint;
import io.github.scoresde.train.Ema;
import io.github.scoresde.train.Trainer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code scoresde train}: trains a score network from a YAML config, writing loss.csv, loss.png,
 * checkpoints/last.ckpt (and numbered ones), then samples the EMA model with plots and metrics.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a score network on a data set; writes config.yaml, loss.csv, loss.png,",
            "checkpoints/last.ckpt (+ step-N.ckpt), model.ckpt (EMA weights only, for sample/likelihood/...),",
            "progress/step-N.png every sample.every steps, and",
            "samples.png, samples.csv (or the image file) and metrics.json from the EMA model.",
            "Example: scoresde train --config configs/moons-vp.yaml --out runs/moons-vp",
            "Config keys and defaults:", TrainConfig.DEFAULT_YAML})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--config", paramLabel = "FILE.yaml", description = "The run's config (default: the defaults above).")
    Path config;

    @Option(names = "--resume", description = "Continue the run in --out from checkpoints/last.ckpt, bit for bit.")
    boolean resume;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/train", description = "Output folder (default runs/train).")
    Path out;

    @Option(names = "--data", paramLabel = "NAME|FILE", description = "Overrides data: a toy set or mixture name, a mixture .json file, mnist, fashion-mnist or a folder of .png images.")
    String data;

    @Option(names = "--steps", paramLabel = "N", description = "Overrides train.steps (with --resume: the new total).")
    Integer steps;

    @Option(names = "--batch", paramLabel = "B", description = "Overrides train.batch.")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S", description = "Overrides train.seed.")
    Long seed;

    @Override
    public Integer call() throws IOException {
        TrainConfig c = withOverrides(config == null ? ConfigLoader.parse("{}", "defaults") : ConfigLoader.load(config));
        Path last = out.resolve("checkpoints").resolve("last.ckpt");
        Checkpoint resumeFrom = null;
        if (resume) {
            if (!Files.exists(last)) {
                throw new UserInputException("nothing to resume in " + out + ": there is no checkpoints/last.ckpt");
            }
            resumeFrom = Checkpoint.read(last);
            TrainConfig stored = Setup.config(resumeFrom, last);
            if (config != null && !sameModel(stored, c)) {
                throw new UserInputException("--config " + config + " differs from the run in " + out
                        + " in data, sde, model or objective; resume with the run's own config.yaml");
            }
            if ((data != null && !data.equals(stored.data())) || (batch != null && !batch.equals(stored.train().batch()))
                    || (seed != null && !seed.equals(stored.train().seed()))) {
                throw new UserInputException("--data, --batch and --seed cannot change when resuming the run in " + out
                        + " (it has data " + stored.data() + ", batch " + stored.train().batch() + ", seed " + stored.train().seed() + ")");
            }
            c = stored.with(null, stored.train().with(steps, null, null));
        } else if (Files.exists(last)) {
            throw new UserInputException(out + " already holds a training run (checkpoints/last.ckpt): "
                    + "add --resume to continue it, or choose another --out");
        }
        return train(c, resumeFrom, last);
    }

    /** Trains the run {@code c} (from a checkpoint when resuming), then samples its EMA model. */
    private int train(TrainConfig c, Checkpoint resumeFrom, Path last) throws IOException {
        Truth truth = Setup.truth(c.data());
        Sde sde = Setup.sde(c.sde());
        SamplerKind samplerKind = new NameConverter<>(SamplerKind.values(), "sampler").convert(c.sample().sampler());
        // Too few sample.steps for the sampler is refused now, not after training.
        samplerKind.schedule(SamplerSettings.defaults(), c.sample().steps(), Double.NaN);
        long[] shape = truth.exampleShape();
        Setup.requireFits(c.model(), shape, c.data());
        Outputs.prepareDir(out.resolve("checkpoints"));
        run.applyThreads();
        Outputs.writeText(out.resolve("config.yaml"), ConfigLoader.YAML.writeValueAsString(c));

        double sigmaData = c.model().sigmaData() != null ? c.model().sigmaData() : truth.std();
        PrintWriter err = spec.commandLine().getErr();
        try (NDManager manager = NDManager.newBaseManager()) {
            NetworkScoreModel model = Setup.network(c, sde, shape, sigmaData, manager);
            var settings = new Trainer.Settings(c.train().batch(), c.train().lr(), c.train().warmup(), c.train().gradClip(),
                    c.train().ema(), c.train().seed());
            SamplerSettings sampling = SamplerSettings.defaults().withTolerances(c.sample().rtol(), c.sample().rtol());
            Function<NetworkScoreModel, SampleRun.Request> request = m -> new SampleRun.Request(c.data() + " (trained)",
                    scope -> m, truth, sde, samplerKind, sampling, c.sample().steps(), Double.NaN, c.sample().n(),
                    c.train().seed(), false);
            try (Trainer trainer = new Trainer(model, Setup.objective(c.objective()), truth.data(), settings, manager)) {
                if (resumeFrom != null) {
                    trainer.restore(resumeFrom, last.toString());
                }
                LongConsumer sampleAt = c.sample().every() > 0
                        ? progressPictures(trainer.ema(), request, Setup.network(c, sde, shape, sigmaData, manager))
                        : step -> {};
                fit(trainer, c, Setup.header(c, truth, sigmaData), err, sampleAt);
                trainer.useEmaWeights();
            }
            Progress progress = new Progress(err, "sample " + samplerKind);
            SampleRun.Request r = request.apply(model);
            SampleRun.Result result = SampleRun.run(r, progress);
            progress.finish();
            SampleRun.write(r, result, out);
            spec.commandLine().getOut().printf(Locale.ROOT, "trained %d steps; samples: %s -> %s%n", c.train().steps(),
                    SampleRun.summary(result), out);
        }
        return 0;
    }

    /**
     * Writes progress/step-N.png and .json: samples of the EMA weights, copied into
     * {@code emaModel} so that training's own parameters are untouched.
     */
    private LongConsumer progressPictures(Ema ema, Function<NetworkScoreModel, SampleRun.Request> request,
            NetworkScoreModel emaModel) {
        Path dir = Outputs.prepareDir(out.resolve("progress"));
        return step -> {
            ema.copyTo(Setup.parameters(emaModel));
            SampleRun.Request r = request.apply(emaModel);
            SampleRun.Result result = SampleRun.run(r, StepListener.NONE);
            String name = String.format(Locale.ROOT, "step-%08d", step);
            Outputs.writePng(SampleRun.picture(r, result), dir.resolve(name + ".png"));
            Outputs.writeJson(dir.resolve(name + ".json"), result.metrics());
        };
    }

    /**
     * Trains to the configured step, logging the loss, writing checkpoints and calling
     * {@code sampleAt} with the step every sample.every steps, as configured.
     */
    private void fit(Trainer trainer, TrainConfig c, com.fasterxml.jackson.databind.node.ObjectNode header, PrintWriter err,
            LongConsumer sampleAt) throws IOException {
        Path lossCsv = out.resolve("loss.csv");
        List<String> kept = new ArrayList<>(List.of("step,loss"));
        if (trainer.step() > 0 && Files.exists(lossCsv)) {
            Files.readAllLines(lossCsv).stream().skip(1).filter(l -> Long.parseLong(l.substring(0, l.indexOf(','))) <= trainer.step())
                    .forEach(kept::add);
        }
        Files.write(lossCsv, kept);
        Progress progress = new Progress(err, "train").from(trainer.step());
        long total = c.train().steps();
        try (BufferedWriter log = Files.newBufferedWriter(lossCsv, StandardOpenOption.APPEND)) {
            while (trainer.step() < total) {
                long until = Math.min(total, next(trainer.step(), c.train().checkpointEvery()));
                int every = c.sample().every();
                if (every > 0) {
                    until = Math.min(until, next(trainer.step(), every));
                }
                try {
                    trainer.fit(until, (step, loss) -> {
                        try {
                            log.write(step + "," + (float) loss + "\n");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        progress.update(step, total, String.format(Locale.ROOT, "loss %.4f", loss));
                    });
                } catch (IllegalStateException e) {
                    progress.finish();
                    throw new IllegalStateException("training stopped: " + e.getMessage() + "; the last good checkpoint is "
                            + out.resolve("checkpoints").resolve("last.ckpt"), e);
                }
                log.flush();
                if (trainer.step() % c.train().checkpointEvery() == 0 || trainer.step() == total) {
                    Checkpoint checkpoint = trainer.checkpoint(header);
                    checkpoint.write(out.resolve("checkpoints").resolve("last.ckpt"));
                    if (c.train().keepCheckpoints()) {
                        checkpoint.write(out.resolve("checkpoints").resolve(String.format(Locale.ROOT, "step-%08d.ckpt", trainer.step())));
                    }
                    if (trainer.step() == total) {
                        checkpoint.weightsOnly().write(out.resolve("model.ckpt"));
                    }
                }
                if (every > 0 && trainer.step() % every == 0 && trainer.step() < total) {
                    sampleAt.accept(trainer.step());
                }
            }
        }
        progress.finish();
        plotLoss(lossCsv, out.resolve("loss.png"));
    }

    /** The first multiple of {@code every} after {@code step}. */
    private static long next(long step, int every) {
        return (step / every + 1) * every;
    }

    private static void plotLoss(Path csv, Path png) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        double[] x = new double[lines.size() - 1];
        double[] y = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            x[i - 1] = Double.parseDouble(f[0]);
            y[i - 1] = Double.parseDouble(f[1]);
        }
        LinePlot.builder().title("training loss").axisLabels("step", "loss").logY(true).series("loss", x, y).build().write(png);
    }

    private TrainConfig withOverrides(TrainConfig c) {
        try {
            return c.with(data, c.train().with(steps, batch, seed));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage().replace("train.", "--"));
        }
    }

    private static boolean sameModel(TrainConfig a, TrainConfig b) {
        return a.data().equals(b.data()) && a.sde().equals(b.sde()) && a.model().equals(b.model()) && a.objective().equals(b.objective());
    }
}
