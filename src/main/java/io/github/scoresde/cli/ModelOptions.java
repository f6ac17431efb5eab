package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.train.Checkpoint;
import io.github.scoresde.train.data.PixelScaling;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How flow commands choose their model: an exact mixture with an SDE, or a trained checkpoint. */
public final class ModelOptions {
    @Option(names = "--model", paramLabel = "NAME|FILE.json",
            description = "A built-in mixture (gmm8, grid25, aniso16) or a mixture JSON file, with its exact score.")
    String model;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "A trained model (its EMA weights, SDE and data shape come from the checkpoint) instead of --model.")
    Path checkpoint;

    @Option(names = "--sde", paramLabel = "SDE", description = "${COMPLETION-CANDIDATES} (default vp; with --checkpoint: the trained one).")
    SdeChoice sde;

    @Mixin
    SdeOptions sdeOptions;

    /** The chosen model; one clear line when the choice is incomplete, contradictory or unreadable. */
    ModelTarget resolve() {
        if ((model == null) == (checkpoint == null)) {
            throw new UserInputException("give exactly one of --model NAME|FILE.json and --checkpoint FILE");
        }
        if (checkpoint == null) {
            GaussianMixture mixture = Mixtures.byNameOrFile(model);
            Sde s = (sde == null ? SdeChoice.VP : sde).create(sdeOptions);
            return new ModelTarget(model, (m, type) -> new ExactMixtureModel(mixture, s, m), s, new long[] {mixture.dim()}, null);
        }
        Checkpoint file = Checkpoint.read(checkpoint);
        TrainConfig config = Setup.config(file, checkpoint);
        Sde trained = Setup.trainedSde(config, sde);
        Truth truth = Setup.truth(file, checkpoint);
        PixelScaling scaling = truth instanceof ImageTruth images ? images.scaling() : null;
        return new ModelTarget(config.data() + " (" + checkpoint.getFileName() + ")", (m, type) -> Setup.load(file, checkpoint, type, m),
                trained, truth.exampleShape(), scaling);
    }
}
