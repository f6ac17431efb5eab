package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.train.data.PixelScaling;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scoresde encode}: data x to latents x_T through the probability-flow ODE, with the round-trip error. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encode data x (at eps) to latents x_T by integrating the probability-flow ODE from eps to T with"
                + " adaptive Dormand-Prince (Song et al. 2021, sec. 4.3), then decode them again to measure the round trip.",
            "Writes latents.csv (header z0,z1,..., one flattened latent per example, lossless; decode --latents reads it),"
                + " summary.json (round-trip error, NFE, wall time) and, for images, latents.png and roundtrip.png"
                + " (originals above their reconstructions).",
            "Example: scoresde encode --checkpoint models/mnist-vp.ckpt --data mnist:test --n 16 --out runs/encode"})
final class EncodeCommand implements Callable<Integer> {
    /** Images encoded when --n is not given. */
    static final int DEFAULT_IMAGES = 64;
    /** Examples in roundtrip.png. */
    private static final int ROUND_TRIP_SHOWN = 16;

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    FlowOptions flow;

    @Option(names = "--data", paramLabel = "D", required = true, description = Examples.DATA_HELP)
    String data;

    @Option(names = "--n", paramLabel = "N",
            description = "Encode the first N examples (default: all points of a CSV, the first " + DEFAULT_IMAGES + " images).")
    Integer n;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Override
    public Integer call() {
        flow.check();
        if (n != null && n < 1) {
            throw new UserInputException("--n must be >= 1, got " + n);
        }
        ModelTarget t = modelOptions.resolve();
        Examples examples = Examples.load(data, t, n != null ? n : t.images() ? DEFAULT_IMAGES : Integer.MAX_VALUE);
        Path dir = Outputs.prepareDir(out);
        run.applyThreads();
        Progress progress = new Progress(spec.commandLine().getErr(), "encode");
        CodecRun.Output r = CodecRun.encode(t, flow, examples, true, progress);
        progress.finish();
        double[][] original = CodecRun.rows(examples, t);
        LatentFile.write(dir.resolve("latents.csv"), r.latents(), "z", flow.float64);
        Map<String, Object> summary = CodecRun.summary(t, flow);
        summary.put("data", data);
        summary.put("n", examples.count());
        Map<String, Object> error = CodecRun.error(original, r.decoded(), t.scaling());
        summary.put("round_trip", error);
        summary.put("latent_std", std(r.latents()));
        summary.put("prior_std", t.sde().s(t.sde().tMax()));
        summary.put("nfe_encode", r.nfeEncode());
        summary.put("nfe_decode", r.nfeDecode());
        summary.put("wall_seconds", r.wallSeconds());
        summary.put("provenance", Outputs.provenance(0));
        Outputs.writeJson(dir.resolve("summary.json"), summary);
        if (t.images()) {
            double s = t.sde().s(t.sde().tMax());
            // Latents at T are about N(a(T) x0, s(T)^2): +-3 s(T) spans black to white.
            Outputs.writePng(ExamplePictures.grid(r.latents(), t.shape(), new PixelScaling(-3 * s, 3 * s)), dir.resolve("latents.png"));
            Outputs.writePng(roundTripPicture(original, r.decoded(), t), dir.resolve("roundtrip.png"));
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s | %s: encoded %d examples, NFE %d + %d to decode, round-trip max |error| %.3g, %.1fs -> %s%n",
                t.name(), t.sde().name(), examples.count(), r.nfeEncode(), r.nfeDecode(), (Double) error.get("max_abs_error"), r.wallSeconds(), dir);
        return 0;
    }

    /** Two rows: the first originals above their reconstructions. */
    private static BufferedImage roundTripPicture(double[][] original, double[][] back, ModelTarget t) {
        int shown = Math.min(original.length, ROUND_TRIP_SHOWN);
        List<double[]> rows = new ArrayList<>(List.of(original).subList(0, shown));
        rows.addAll(List.of(back).subList(0, shown));
        return ExamplePictures.grid(rows, t.shape(), t.scaling(), shown, List.of());
    }

    /** The standard deviation over all latent values. */
    private static double std(double[][] rows) {
        double sum = 0;
        double squares = 0;
        long count = 0;
        for (double[] row : rows) {
            for (double v : row) {
                sum += v;
                squares += v * v;
                count++;
            }
        }
        double mean = sum / count;
        return Math.sqrt(Math.max(0, squares / count - mean * mean));
    }
}
