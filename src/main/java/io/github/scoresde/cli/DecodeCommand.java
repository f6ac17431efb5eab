package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scoresde decode}: latents x_T back to data through the probability-flow ODE. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode latents x_T to data at eps by integrating the probability-flow ODE from T back to eps with"
                + " adaptive Dormand-Prince: the inverse of encode up to the solver tolerance.",
            "Reads a latents CSV as encode writes it (header row with exactly D columns, one flattened latent per line)."
                + " Writes decoded.csv (header x0,x1,..., lossless), summary.json and, for images, decoded.png.",
            "Example: scoresde decode --checkpoint models/mnist-vp.ckpt --latents runs/encode/latents.csv --out runs/decode"})
final class DecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    FlowOptions flow;

    @Option(names = "--latents", paramLabel = "FILE", required = true, description = "Latents CSV written by encode (latents.csv).")
    Path latents;

    @Option(names = "--n", paramLabel = "N", description = "Decode the first N latents (default all).")
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
        double[][] z = LatentFile.read(latents, Math.toIntExact(t.dim()), n == null ? Integer.MAX_VALUE : n);
        Path dir = Outputs.prepareDir(out);
        run.applyThreads();
        Progress progress = new Progress(spec.commandLine().getErr(), "decode");
        CodecRun.Output r = CodecRun.decode(t, flow, z, progress);
        progress.finish();
        LatentFile.write(dir.resolve("decoded.csv"), r.decoded(), "x", flow.float64);
        if (t.images()) {
            Outputs.writePng(ExamplePictures.grid(r.decoded(), t.shape(), t.scaling()), dir.resolve("decoded.png"));
        }
        Map<String, Object> summary = CodecRun.summary(t, flow);
        summary.put("latents", latents.toString());
        summary.put("n", z.length);
        summary.put("nfe_decode", r.nfeDecode());
        summary.put("wall_seconds", r.wallSeconds());
        summary.put("provenance", Outputs.provenance(0));
        Outputs.writeJson(dir.resolve("summary.json"), summary);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s | %s: decoded %d latents, NFE %d, %.1fs -> %s%n", t.name(), t.sde().name(), z.length,
                r.nfeDecode(), r.wallSeconds(), dir);
        return 0;
    }
}
