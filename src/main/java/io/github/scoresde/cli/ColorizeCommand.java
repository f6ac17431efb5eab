package io.github.scoresde.cli;

import ai.djl.ndarray.types.Shape;
import io.github.scoresde.condition.linear.LinearMeasurement;
import io.github.scoresde.condition.linear.Operators;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code scoresde colorize}: colour from gray with one unconditional RGB model. The gray level
 * (the channel mean) is the measurement; in H's spectral coordinates it is the direction
 * (1, 1, 1) / sqrt 3 of every pixel and the colours the two orthogonal ones, so ILVR's
 * projection is score_sde's colorization by replacement in that orthonormal basis (Song et al.
 * 2021, App. I.3), and DDRM and CCDF apply as for any H.
 */
@Command(name = "colorize", mixinStandardHelpOptions = true,
        description = {"Colorization: reduce RGB images to their gray level (plus --sigma-y noise) and restore the colours with"
                + " ILVR (score_sde's decoupled replacement), DDRM and CCDF from one unconditional model.",
            "Writes colorize.png (originals, the gray input, one row per method, PSNR in dB) and metrics.json like superres.",
            "Example: scoresde colorize --checkpoint models/photos-vp.ckpt --data photos:test --out runs/colorize"})
final class ColorizeCommand extends RestorationCommand {
    @Override
    String task() {
        return "colorize";
    }

    @Override
    LinearMeasurement degradation(Shape image) {
        return Operators.grayLevel(image);
    }

    @Override
    String label() {
        return "gray";
    }

    @Override
    Map<String, Object> describe() {
        return Map.of();
    }

    @Override
    String fix() {
        return "give --checkpoint of a model trained on RGB images";
    }
}
