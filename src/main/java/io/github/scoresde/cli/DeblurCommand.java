package io.github.scoresde.cli;

import ai.djl.ndarray.types.Shape;
import io.github.scoresde.condition.linear.LinearMeasurement;
import io.github.scoresde.condition.linear.Operators;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scoresde deblur}: Gaussian deblurring with one unconditional model. */
@Command(name = "deblur", mixinStandardHelpOptions = true,
        description = {"Deblurring: blur images with a Gaussian of --blur pixels (plus --sigma-y noise) and restore them with"
                + " ILVR, DDRM and CCDF from one unconditional model (seed 002).",
            "Writes deblur.png and metrics.json like superres.",
            "Example: scoresde deblur --checkpoint models/mnist-vp.ckpt --blur 2 --sigma-y 0.02 --data mnist:test --out runs/deblur"})
final class DeblurCommand extends RestorationCommand {
    @Option(names = "--blur", paramLabel = "S", defaultValue = "1.5",
            description = "Standard deviation of the Gaussian kernel in pixels (default 1.5).")
    double blur;

    @Override
    String task() {
        return "deblur";
    }

    @Override
    LinearMeasurement degradation(Shape image) {
        return Operators.gaussianBlur(image, blur);
    }

    @Override
    String label() {
        return "blur " + blur;
    }

    @Override
    Map<String, Object> describe() {
        return Map.of("blur_sigma", blur);
    }

    @Override
    String fix() {
        return "give --blur > 0";
    }
}
