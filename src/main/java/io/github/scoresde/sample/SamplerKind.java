package io.github.scoresde.sample;

import io.github.scoresde.UserInputException;
import io.github.scoresde.sample.ode.ButcherTableau;
import io.github.scoresde.sample.ode.DormandPrince45;
import io.github.scoresde.sample.ode.FixedStepRungeKutta;

/**
 * The samplers by command-line name, each built from {@link SamplerSettings} for an N-point grid
 * ({@link #schedule}). Predictor-only and corrector-only samplers are
 * {@link PredictorCorrector}s with one part empty; corrector-only ones carry x between levels
 * with {@link Rescale}.
 */
public enum SamplerKind {
    /** Euler–Maruyama on the reverse SDE; NFE = N. */
    EM("em") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return predictorOnly(new EulerMaruyama(), s);
        }
    },
    /** Reverse-diffusion predictor; NFE = N. */
    REVERSE_DIFFUSION("reverse-diffusion") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return predictorOnly(new ReverseDiffusion(), s);
        }
    },
    /** Ancestral sampling (VE and VP only); NFE = N. */
    ANCESTRAL("ancestral") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return predictorOnly(new Ancestral(), s);
        }
    },
    /** Langevin corrector alone with the snr rule; NFE = N x corrector steps. */
    LANGEVIN("langevin") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return new PredictorCorrector(new Rescale(), CorrectorKind.LANGEVIN.build(s), s.correctorSteps(), s.denoise());
        }
    },
    /** Predictor-corrector with the settings' predictor and corrector; NFE = N (1 + corrector steps). */
    PC("pc") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return new PredictorCorrector(s.predictor().build(), s.corrector().build(s), s.correctorSteps(), s.denoise());
        }
    },
    /** Annealed Langevin dynamics (NCSN); NFE = N x corrector steps. */
    ALD("ald") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return new PredictorCorrector(new Rescale(), CorrectorKind.ALD.build(s), s.correctorSteps(), s.denoise());
        }
    },
    /** Probability-flow ODE, adaptive Dormand–Prince 5(4); NFE chosen by the tolerances. */
    ODE("ode") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return new ProbabilityFlowSampler(new DormandPrince45(s.tolerances(), s.errorNorm()), s.denoise());
        }

        @Override
        public boolean adaptive() {
            return true;
        }
    },
    /** Probability-flow ODE, N - 1 Euler steps; NFE = N with denoising. */
    ODE_EULER("ode-euler") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return fixedStep(ButcherTableau.EULER, steps, s);
        }
    },
    /** Probability-flow ODE, N - 1 Heun steps; NFE = 2 (N - 1) (+1). */
    ODE_HEUN("ode-heun") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return fixedStep(ButcherTableau.HEUN, steps, s);
        }
    },
    /** Probability-flow ODE, N - 1 classic RK4 steps; NFE = 4 (N - 1) (+1). */
    ODE_RK4("ode-rk4") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return fixedStep(ButcherTableau.RK4, steps, s);
        }
    },
    /** EDM's deterministic Heun sampler in the EDM variable; NFE = 2N - 1. */
    EDM_HEUN("edm-heun", true) {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return EdmSampler.heun(Churn.NONE, s.denoise());
        }
    },
    /** EDM's stochastic Heun sampler with the settings' churn; NFE = 2N - 1. */
    EDM_HEUN_CHURN("edm-heun-churn", true) {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return EdmSampler.heun(s.churn(), s.denoise());
        }
    },
    /** DDIM with the settings' eta; NFE = N. */
    DDIM("ddim", true) {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return EdmSampler.ddim(s.eta(), s.denoise());
        }
    },
    /** DPM-Solver++(2M); NFE = N. */
    DPMPP_2M("dpmpp-2m", true) {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return EdmSampler.dpmSolverPlusPlus2M(s.denoise());
        }
    };

    private final String cliName;
    private final boolean anySchedule;

    SamplerKind(String cliName) {
        this(cliName, false);
    }

    /** @param anySchedule whether the sampler runs on any grid (else only uniform in t) */
    SamplerKind(String cliName, boolean anySchedule) {
        this.cliName = cliName;
        this.anySchedule = anySchedule;
    }

    /** The name on the command line. */
    public String cliName() {
        return cliName;
    }

    /** The sampler for an N-point grid. */
    public abstract Sampler build(SamplerSettings settings, int steps);

    /**
     * The N-point grid ending at {@code eps} (NaN: the SDE's default) that the settings ask for,
     * by default Karras's for the EDM-form samplers and uniform in t for the others, which step
     * on the SDE's uniform discretisation and accept no other grid.
     */
    public Schedule schedule(SamplerSettings settings, int steps, double eps) {
        ScheduleKind kind = settings.schedule().orElse(anySchedule ? ScheduleKind.KARRAS : ScheduleKind.UNIFORM);
        if (kind != ScheduleKind.UNIFORM && !anySchedule) {
            throw new UserInputException("--schedule " + kind + " needs a sampler that takes any grid (edm-heun, "
                    + "edm-heun-churn, ddim, dpmpp-2m); " + cliName + " steps uniformly in t: use --schedule uniform");
        }
        return kind.build(steps, eps);
    }

    /** Whether the sampler picks its own steps (tolerances set its cost, not N). */
    public boolean adaptive() {
        return false;
    }

    private static Sampler predictorOnly(Predictor predictor, SamplerSettings s) {
        return new PredictorCorrector(predictor, Corrector.NONE, 1, s.denoise());
    }

    /** Fixed-step solvers take N - 1 steps between the N grid points T ... eps. */
    private static Sampler fixedStep(ButcherTableau tableau, int steps, SamplerSettings s) {
        return new ProbabilityFlowSampler(new FixedStepRungeKutta(tableau, Math.max(1, steps - 1)), s.denoise());
    }

    @Override
    public String toString() {
        return cliName;
    }
}
