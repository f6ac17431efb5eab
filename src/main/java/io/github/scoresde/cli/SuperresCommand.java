package io.github.scoresde.cli;

import ai.djl.ndarray.types.Shape;
import io.github.scoresde.UserInputException;
import io.github.scoresde.condition.linear.LinearMeasurement;
import io.github.scoresde.condition.linear.Operators;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scoresde superres}: super-resolution of f x f average-pooled images with one unconditional model. */
@Command(name = "superres", mixinStandardHelpOptions = true,
        description = {"Super-resolution: average-pool images by --factor (plus --sigma-y noise) and restore them with"
                + " ILVR, DDRM and CCDF from one unconditional model (seed 002).",
            "Writes superres.png (originals, the upsampled input, one row per method, PSNR in dB under each image) and"
                + " metrics.json (PSNR, SSIM, max |H x - y|, NFE and wall time per method).",
            "Example: scoresde superres --checkpoint models/mnist-vp.ckpt --factor 4 --data mnist:test --out runs/superres"})
final class SuperresCommand extends RestorationCommand {
    @Option(names = "--factor", paramLabel = "F", required = true,
            description = "Pooling factor; must divide the image's height and width (2 or 4 for 28x28).")
    int factor;

    @Override
    String task() {
        return "superres";
    }

    @Override
    LinearMeasurement degradation(Shape image) {
        if (factor < 2) {
            throw new UserInputException("--factor must be >= 2, got " + factor);
        }
        return Operators.averagePooling(image, factor);
    }

    @Override
    String label() {
        return "x" + factor;
    }

    @Override
    Map<String, Object> describe() {
        return Map.of("factor", factor);
    }

    @Override
    String fix() {
        return "choose a --factor that divides the image size";
    }
}
