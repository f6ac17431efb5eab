package io.github.scoresde.sample;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.scoresde.sample.ode.ErrorNorm;
import io.github.scoresde.sample.ode.Tolerances;
import java.util.Optional;

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
 * @param denoise return the noise-free mean of the last step (for the EDM-form samplers: end
 *     with a step to sigma = 0)
 * @param schedule the time grid; empty for the sampler's own default ({@link SamplerKind#schedule})
 * @param sChurn edm-heun-churn: total churn S_churn (>= 0)
 * @param sTmin edm-heun-churn: lowest churned noise level (>= 0)
 * @param sTmax edm-heun-churn: highest churned noise level (>= sTmin)
 * @param sNoise edm-heun-churn: noise inflation S_noise (> 0)
 * @param eta ddim: stochasticity in [0, 1]
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
        boolean denoise,
        // Written to metrics.json as the resolved grid instead (Jackson has no Optional support here).
        @JsonIgnore Optional<ScheduleKind> schedule,
        double sChurn,
        double sTmin,
        double sTmax,
        double sNoise,
        double eta) {

    /** Validates every field, naming the command-line flag in the message. */
    public SamplerSettings {
        require(correctorSteps >= 1, "--corrector-steps must be >= 1, got " + correctorSteps);
        require(snr > 0 && Double.isFinite(snr), "--snr must be > 0, got " + snr);
        require(stepRatio > 0 && stepRatio <= 1, "--step-ratio must be in (0, 1], got " + stepRatio);
        require(rtol > 0 && rtol < 1, "--rtol must be in (0, 1), got " + rtol);
        require(atol > 0 && Double.isFinite(atol), "--atol must be > 0, got " + atol);
        require(sChurn >= 0 && Double.isFinite(sChurn), "--s-churn must be >= 0, got " + sChurn);
        require(sTmin >= 0 && Double.isFinite(sTmin), "--s-tmin must be >= 0, got " + sTmin);
        require(sTmax >= sTmin, "--s-tmax must be >= --s-tmin (" + sTmin + "), got " + sTmax);
        require(sNoise > 0 && Double.isFinite(sNoise), "--s-noise must be > 0, got " + sNoise);
        require(eta >= 0 && eta <= 1, "--eta must be in [0, 1], got " + eta);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new io.github.scoresde.UserInputException(message);
        }
    }

    /**
     * Reverse diffusion + Langevin (snr 0.16, batch norms), 1 corrector step, step ratio 0.2,
     * rtol = atol = 1e-5, RMS norm, denoise, each sampler's own schedule, EDM's churn for
     * ImageNet-64 (S_churn = 40, S_tmin = 0.05, S_tmax = 50; Karras et al. 2022, Table 5) but
     * S_noise = 1 (EDM's 1.003 offsets a trained denoiser's bias; an exact one needs none),
     * deterministic DDIM (eta = 0).
     */
    public static SamplerSettings defaults() {
        return new SamplerSettings(PredictorKind.REVERSE_DIFFUSION, CorrectorKind.LANGEVIN, 1, 0.16,
                Langevin.Norm.BATCH, 0.2, 1e-5, 1e-5, ErrorNorm.RMS, true, Optional.empty(), 40, 0.05, 50, 1, 0);
    }

    /** These settings with other tolerances for the adaptive ODE solver. */
    public SamplerSettings withTolerances(double rtol, double atol) {
        return new SamplerSettings(predictor, corrector, correctorSteps, snr, langevinNorm, stepRatio, rtol, atol,
                errorNorm, denoise, schedule, sChurn, sTmin, sTmax, sNoise, eta);
    }

    /** These settings with the time grid {@code kind}. */
    public SamplerSettings withSchedule(ScheduleKind kind) {
        return new SamplerSettings(predictor, corrector, correctorSteps, snr, langevinNorm, stepRatio, rtol, atol,
                errorNorm, denoise, Optional.of(kind), sChurn, sTmin, sTmax, sNoise, eta);
    }

    /** The churn of edm-heun-churn. */
    public Churn churn() {
        return new Churn(sChurn, sTmin, sTmax, sNoise);
    }

    /** The adaptive solver's tolerances. */
    public Tolerances tolerances() {
        return Tolerances.of(rtol, atol);
    }
}
