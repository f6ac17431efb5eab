package io.github.scoresde.cli;

import io.github.scoresde.condition.linear.Operators;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scoresde deblur}: Gaussian deblurring with one unconditional model. */
@Command(name = "deblur", mixinStandardHelpOptions = true,
        description = {"Deblurring: blur images with a Gaussian of --blur pixels (plus --sigma-y noise) and restore them with"
                + " ILVR, DDRM and CCDF from one unconditional model (seed 002).",
            "Writes deblur.png and metrics.json like superres.",
            "Example: scoresde deblur --checkpoint models/mnist-vp.ckpt --blur 2 --sigma-y 0.02 --data mnist:test --out runs/deblur"})
final class DeblurCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    RestorationOptions options;

    @Option(names = "--blur", paramLabel = "S", defaultValue = "1.5",
            description = "Standard deviation of the Gaussian kernel in pixels (default 1.5).")
    double blur;

    @Override
    public Integer call() {
        ModelTarget t = modelOptions.resolve();
        run.applyThreads();
        return RestorationRun.run("deblur", t, options, shape -> Operators.gaussianBlur(shape, blur), "blur " + blur,
                Map.of("blur_sigma", blur), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
