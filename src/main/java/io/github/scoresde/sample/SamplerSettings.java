package io.github.scoresde.sample;

import io.github.scoresde.sample.ode.ErrorNorm;
import io.github.scoresde.sample.ode.Tolerances;

/**
 * The knobs of the named samplers of {@link SamplerKind}, each used by the samplers it concerns.
 *
 * @param predictor predictor of the {@code pc} sampler
 * @param corrector corrector of the {@code pc} sampler
 * @param correctorSteps corrector steps per time step (>= 1 for samplers with a corrector)
 * @param snr signal-to-noise ratio of the Langevin corrector (> 0)
 * @param langevinNorm how the Langevin corrector takes norms
 * @param stepRatio annealed Langevin step relative to s(t)^2, in (0, 1]
 * @param rtol relative tolerance of the adaptive ODE solver (> 0)
 * @param atol absolute tolerance of the adaptive ODE solver (> 0)
 * @param errorNorm error norm of the adaptive ODE solver
 * @param denoise return the noise-free mean of the last step
 */
public record SamplerSettings(
        PredictorKind predictor,
        CorrectorKind corrector,
        int correctorSteps,
        double snr,
        Langevin.Norm langevinNorm,
        double stepRatio,
        double rtol,
        double atol,
        ErrorNorm errorNorm,
        boolean denoise) {

    /** Validates every field, naming the command-line flag in the message. */
    public SamplerSettings {
        require(correctorSteps >= 1, "--corrector-steps must be >= 1, got " + correctorSteps);
        require(snr > 0 && Double.isFinite(snr), "--snr must be > 0, got " + snr);
        require(stepRatio > 0 && stepRatio <= 1, "--step-ratio must be in (0, 1], got " + stepRatio);
        require(rtol > 0 && rtol < 1, "--rtol must be in (0, 1), got " + rtol);
        require(atol > 0 && Double.isFinite(atol), "--atol must be > 0, got " + atol);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new io.github.scoresde.UserInputException(message);
        }
    }

    /** Reverse diffusion + Langevin (snr 0.16, batch norms), 1 corrector step, step ratio 0.2, rtol = atol = 1e-5, RMS norm, denoise. */
    public static SamplerSettings defaults() {
        return new SamplerSettings(PredictorKind.REVERSE_DIFFUSION, CorrectorKind.LANGEVIN, 1, 0.16,
                Langevin.Norm.BATCH, 0.2, 1e-5, 1e-5, ErrorNorm.RMS, true);
    }

    /** These settings with other tolerances for the adaptive ODE solver. */
    public SamplerSettings withTolerances(double rtol, double atol) {
        return new SamplerSettings(predictor, corrector, correctorSteps, snr, langevinNorm, stepRatio, rtol, atol,
                errorNorm, denoise);
    }

    /** The adaptive solver's tolerances. */
    public Tolerances tolerances() {
        return Tolerances.of(rtol, atol);
    }
}
