package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.condition.linear.Operators;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scoresde superres}: super-resolution of f x f average-pooled images with one unconditional model. */
@Command(name = "superres", mixinStandardHelpOptions = true,
        description = {"Super-resolution: average-pool images by --factor (plus --sigma-y noise) and restore them with"
                + " ILVR, DDRM and CCDF from one unconditional model (seed 002).",
            "Writes superres.png (originals, the upsampled input, one row per method, PSNR in dB under each image) and"
                + " metrics.json (PSNR, SSIM, max |H x - y|, NFE and wall time per method).",
            "Example: scoresde superres --checkpoint models/mnist-vp.ckpt --factor 4 --data mnist:test --out runs/superres"})
final class SuperresCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    RestorationOptions options;

    @Option(names = "--factor", paramLabel = "F", required = true,
            description = "Pooling factor; must divide the image's height and width (2 or 4 for 28x28).")
    int factor;

    @Override
    public Integer call() {
        if (factor < 2) {
            throw new UserInputException("--factor must be >= 2, got " + factor);
        }
        ModelTarget t = modelOptions.resolve();
        run.applyThreads();
        return RestorationRun.run("superres", t, options, shape -> Operators.averagePooling(shape, factor), "x" + factor,
                Map.of("factor", factor), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
