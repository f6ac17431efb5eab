package io.github.scoresde.cli;

import io.github.scoresde.sample.CorrectorKind;
import io.github.scoresde.sample.Langevin;
import io.github.scoresde.sample.PredictorKind;
import io.github.scoresde.sample.SamplerSettings;
import io.github.scoresde.sample.ScheduleKind;
import io.github.scoresde.sample.ode.ErrorNorm;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Sampler knobs on the command line; see {@link SamplerSettings} for their meaning. */
public final class SamplerOptions {
    private static final SamplerSettings DEFAULTS = SamplerSettings.defaults();

    @Option(names = "--predictor", paramLabel = "P", description = "pc: predictor (${COMPLETION-CANDIDATES}; default reverse-diffusion).")
    PredictorKind predictor = DEFAULTS.predictor();

    @Option(names = "--corrector", paramLabel = "C", description = "pc: corrector (${COMPLETION-CANDIDATES}; default langevin).")
    CorrectorKind corrector = DEFAULTS.corrector();

    @Option(names = "--corrector-steps", paramLabel = "K", description = "Corrector steps per time step (default 1).")
    int correctorSteps = DEFAULTS.correctorSteps();

    @Option(names = "--snr", paramLabel = "R", description = "Langevin signal-to-noise ratio (default 0.16).")
    double snr = DEFAULTS.snr();

    @Option(names = "--langevin-norm", paramLabel = "N",
            description = "Langevin step from norms averaged over the batch or per sample (${COMPLETION-CANDIDATES}; default batch).")
    Langevin.Norm langevinNorm = DEFAULTS.langevinNorm();

    @Option(names = "--step-ratio", paramLabel = "E",
            description = "ald: step size relative to sigma_i^2 (default 0.2, NCSN's 2e-5 / 0.01^2).")
    double stepRatio = DEFAULTS.stepRatio();

    @Option(names = "--rtol", paramLabel = "TOL", description = "ode: relative tolerance (default 1e-5).")
    double rtol = DEFAULTS.rtol();

    @Option(names = "--atol", paramLabel = "TOL", description = "ode: absolute tolerance (default 1e-5).")
    double atol = DEFAULTS.atol();

    @Option(names = "--error-norm", paramLabel = "N", description = "ode: step-size control norm (${COMPLETION-CANDIDATES}; default rms).")
    ErrorNorm errorNorm = DEFAULTS.errorNorm();

    @Option(names = "--no-denoise", negatable = false, description = "Keep the noise of the last step (default: return its mean).")
    boolean noDenoise;

    @Option(names = "--schedule", paramLabel = "S",
            description = "Time grid (${COMPLETION-CANDIDATES}; default karras for edm-heun, edm-heun-churn, ddim, dpmpp-2m, dpmpp-3m, else uniform).")
    ScheduleKind schedule;

    @Option(names = "--s-churn", paramLabel = "X", description = "edm-heun-churn: S_churn (default 40).")
    double sChurn = DEFAULTS.sChurn();

    @Option(names = "--s-tmin", paramLabel = "SIGMA", description = "edm-heun-churn: lowest churned noise level (default 0.05).")
    double sTmin = DEFAULTS.sTmin();

    @Option(names = "--s-tmax", paramLabel = "SIGMA", description = "edm-heun-churn: highest churned noise level (default 50).")
    double sTmax = DEFAULTS.sTmax();

    @Option(names = "--s-noise", paramLabel = "X", description = "edm-heun-churn: noise inflation S_noise (default 1).")
    double sNoise = DEFAULTS.sNoise();

    @Option(names = "--eta", paramLabel = "X", description = "ddim: stochasticity in [0, 1] (default 0).")
    double eta = DEFAULTS.eta();

    /** The validated settings (a user error names the bad flag). */
    SamplerSettings settings() {
        return new SamplerSettings(predictor, corrector, correctorSteps, snr, langevinNorm, stepRatio, rtol, atol,
                errorNorm, !noDenoise, Optional.ofNullable(schedule), sChurn, sTmin, sTmax, sNoise, eta);
    }
}
