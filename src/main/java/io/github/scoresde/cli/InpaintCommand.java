package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.condition.Imputation;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.sde.Sde;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code scoresde inpaint}: imputation of the unknown coordinates of an exact mixture's points
 * given some coordinates, by replacement after every sampler step (SPEC §6), compared with the
 * exact conditional mixture (SPEC §8).
 */
@Command(name = "inpaint", mixinStandardHelpOptions = true,
        description = {"Impute a mixture's other coordinates given --known ones (replacement after every step, SPEC §6);"
                + " writes samples.csv, samples.png and metrics.json against the exact conditional mixture.",
            "Replacement is approximate; pc (with its Langevin corrector) comes closest. The adaptive and fixed-step ode samplers"
                + " cannot impute; edm-heun, ddim and dpmpp-2m integrate the same ODE and can.",
            "Images: --checkpoint F --mask M.png|top|bottom|left|right --image I.png (or --data D) imputes the known pixels"
                + " and writes inpaint.png and metrics.json (PSNR, SSIM).",
            "Example: scoresde inpaint --model gmm8 --sde vp --known 0=2.0 --n 10000 --out runs/inpaint",
            "Example: scoresde inpaint --checkpoint models/mnist-vp.ckpt --mask bottom --data mnist:test --out runs/inpaint-mnist"})
final class InpaintCommand implements Callable<Integer> {
    /** Images inpainted when --n is not given. */
    static final int IMAGES = 8;

    @Spec
    CommandSpec spec;

    @Mixin
    ExactSamplingOptions sampling;

    @Option(names = "--known", paramLabel = "I=V[,I=V...]",
            description = "Known coordinates of a mixture's points as index=value pairs, e.g. 0=2.0,3=-1.5.")
    String known;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "A model trained on images, to inpaint images with --mask.")
    Path checkpoint;

    @Option(names = "--mask", paramLabel = "M.png|top|bottom|left|right",
            description = "Which pixels are known: a PNG of the image's size (white known, black unknown) or the half that is unknown.")
    String mask;

    @Option(names = {"--image", "--data"}, paramLabel = "I.png|D",
            description = "The images to inpaint: one .png, a folder of them or an image set (mnist:test, ...); the first --n (default 8).")
    String images;

    @Override
    public Integer call() {
        if (mask != null || checkpoint != null || images != null) {
            return inpaintImages();
        }
        if (known == null) {
            throw new UserInputException("give --known I=V[,I=V...] for a mixture, or --checkpoint F --mask M --image I.png for images");
        }
        ExactSamplingOptions.Chosen chosen = sampling.resolve();
        GaussianMixture mixture = chosen.mixture();
        KnownCoordinates given = KnownCoordinates.parse(known, mixture.dim());
        if (!sampling.sampler.build(sampling.samplerOptions.settings(), sampling.steps).appliesConstraints()) {
            throw new UserInputException("--sampler " + sampling.sampler.cliName() + " cannot impute (its ODE solver owns the steps):"
                    + " use pc, em, reverse-diffusion, ancestral, edm-heun, ddim or dpmpp-2m");
        }
        Sde sde = chosen.sde();
        Imputation imputation = Imputation.coordinates(mixture.dim(), given.indices(), given.values());
        var request = sampling.request(chosen.name() + " given " + given, m -> new ExactMixtureModel(mixture, sde, m),
                new ImputationTruth(mixture, given), sde);
        sampling.runAndWrite(spec, "inpaint", request, imputation, "imputation", Map.of("known", given.toString(), "method", "replacement"),
                metrics -> "");
        return 0;
    }

    private int inpaintImages() {
        if (checkpoint == null || mask == null || images == null || known != null) {
            throw new UserInputException("image inpainting takes --checkpoint F, --mask M.png|top|bottom|left|right and --image I.png"
                    + " (or --data D), and no --known");
        }
        int n = sampling.imagesOr(spec, IMAGES);
        ModelTarget t = sampling.imageModel(checkpoint);
        ImageInpainting.run(t, mask, images, n, sampling.sampler, sampling.samplerOptions.settings(), sampling.steps,
                sampling.eps == null ? Double.NaN : sampling.eps, sampling.seed, sampling.outOr("inpaint"), spec.commandLine().getOut(),
                spec.commandLine().getErr());
        return 0;
    }
}
