package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.condition.Imputation;
import io.github.scoresde.model.ExactMixtureModel;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.sde.Sde;
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
            "Example: scoresde inpaint --model gmm8 --sde vp --known 0=2.0 --n 10000 --out runs/inpaint"})
final class InpaintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExactSamplingOptions sampling;

    @Option(names = "--known", paramLabel = "I=V[,I=V...]", required = true,
            description = "Known coordinates as index=value pairs, e.g. 0=2.0,3=-1.5.")
    String known;

    @Override
    public Integer call() {
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
}
