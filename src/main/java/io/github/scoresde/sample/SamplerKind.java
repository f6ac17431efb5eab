package io.github.scoresde.sample;

import io.github.scoresde.UserInputException;
import io.github.scoresde.sample.ode.ButcherTableau;
import io.github.scoresde.sample.ode.DormandPrince45;
import io.github.scoresde.sample.ode.FixedStepRungeKutta;
import java.util.OptionalInt;

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

        @Override
        public OptionalInt nfe(int steps, SamplerSettings s) {
            return OptionalInt.of(steps * s.correctorSteps());
        }
    },
    /** Predictor-corrector with the settings' predictor and corrector; NFE = N (1 + corrector steps). */
    PC("pc") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return new PredictorCorrector(s.predictor().build(), s.corrector().build(s), s.correctorSteps(), s.denoise());
        }

        @Override
        public OptionalInt nfe(int steps, SamplerSettings s) {
            int predictor = s.predictor() == PredictorKind.NONE ? 0 : 1;
            int corrector = s.corrector() == CorrectorKind.NONE ? 0 : s.correctorSteps();
            return OptionalInt.of(steps * (predictor + corrector));
        }
    },
    /** Annealed Langevin dynamics (NCSN); NFE = N x corrector steps. */
    ALD("ald") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return new PredictorCorrector(new Rescale(), CorrectorKind.ALD.build(s), s.correctorSteps(), s.denoise());
        }

        @Override
        public OptionalInt nfe(int steps, SamplerSettings s) {
            return OptionalInt.of(steps * s.correctorSteps());
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

        @Override
        public OptionalInt nfe(int steps, SamplerSettings s) {
            return OptionalInt.empty();
        }
    },
    /** Probability-flow ODE, N - 1 Euler steps; NFE = N with denoising. */
    ODE_EULER("ode-euler") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return fixedStep(ButcherTableau.EULER, steps, s);
        }

        @Override
        public int minSteps() {
            return 2;
        }

        @Override
        public OptionalInt nfe(int steps, SamplerSettings s) {
            return OptionalInt.of(1 * (steps - 1) + (s.denoise() ? 1 : 0));
        }
    },
    /** Probability-flow ODE, N - 1 Heun steps; NFE = 2 (N - 1) (+1). */
    ODE_HEUN("ode-heun") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return fixedStep(ButcherTableau.HEUN, steps, s);
        }

        @Override
        public int minSteps() {
            return 2;
        }

        @Override
        public OptionalInt nfe(int steps, SamplerSettings s) {
            return OptionalInt.of(2 * (steps - 1) + (s.denoise() ? 1 : 0));
        }
    },
    /** Probability-flow ODE, N - 1 classic RK4 steps; NFE = 4 (N - 1) (+1). */
    ODE_RK4("ode-rk4") {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return fixedStep(ButcherTableau.RK4, steps, s);
        }

        @Override
        public int minSteps() {
            return 2;
        }

        @Override
        public OptionalInt nfe(int steps, SamplerSettings s) {
            return OptionalInt.of(4 * (steps - 1) + (s.denoise() ? 1 : 0));
        }
    },
    /** EDM's deterministic Heun sampler in the EDM variable; NFE = 2N - 1. */
    EDM_HEUN("edm-heun", true) {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return EdmSampler.heun(Churn.NONE, s.denoise());
        }

        @Override
        public int minSteps() {
            return 2;
        }

        @Override
        public OptionalInt nfe(int steps, SamplerSettings s) {
            return OptionalInt.of(2 * steps - (s.denoise() ? 1 : 2));
        }
    },
    /** EDM's stochastic Heun sampler with the settings' churn; NFE = 2N - 1. */
    EDM_HEUN_CHURN("edm-heun-churn", true) {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return EdmSampler.heun(s.churn(), s.denoise());
        }

        @Override
        public int minSteps() {
            return 2;
        }

        @Override
        public OptionalInt nfe(int steps, SamplerSettings s) {
            return OptionalInt.of(2 * steps - (s.denoise() ? 1 : 2));
        }
    },
    /** DDIM with the settings' eta; NFE = N. */
    DDIM("ddim", true) {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return EdmSampler.ddim(s.eta(), s.denoise());
        }

        @Override
        public int minSteps() {
            return 2;
        }
    },
    /** DPM-Solver++(2M); NFE = N. */
    DPMPP_2M("dpmpp-2m", true) {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return EdmSampler.dpmSolverPlusPlus2M(s.denoise());
        }

        @Override
        public int minSteps() {
            return 3;
        }
    },
    /** DPM-Solver++(3M), third-order multistep; NFE = N. */
    DPMPP_3M("dpmpp-3m", true) {
        @Override
        public Sampler build(SamplerSettings s, int steps) {
            return EdmSampler.dpmSolverPlusPlus3M(s.denoise());
        }

        @Override
        public int minSteps() {
            return 4;
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
     *
     * @throws UserInputException if N is below {@link #minSteps} or the sampler cannot take the grid
     */
    public Schedule schedule(SamplerSettings settings, int steps, double eps) {
        if (steps < minSteps()) {
            throw new UserInputException(steps + " steps (--steps, sample.steps) are too few for " + cliName + ": "
                    + whyMinSteps() + "; use at least " + minSteps());
        }
        ScheduleKind kind = settings.schedule().orElse(anySchedule ? ScheduleKind.KARRAS : ScheduleKind.UNIFORM);
        if (kind != ScheduleKind.UNIFORM && !anySchedule) {
            throw new UserInputException("--schedule " + kind + " needs a sampler that takes any grid (edm-heun, "
                    + "edm-heun-churn, ddim, dpmpp-2m, dpmpp-3m); " + cliName + " steps uniformly in t: use --schedule uniform");
        }
        return kind.build(steps, eps);
    }

    /**
     * The fewest grid points N at which the sampler is the method it is named after; 1 unless
     * overridden. The classic SDE samplers take one step of -T/N from T at N = 1 (SPEC §4). Grids
     * of the EDM-form and fixed-step ODE samplers need both ends, T and eps: at N = 1 they would
     * return the denoiser's output at sigma(T) (the data mean for every sample) or, under
     * {@code --no-denoise}, the prior draw itself. A multistep method of order p needs p - 1
     * earlier points before its first full-order step between two positive noise levels, so
     * N = p + 1 (2M: 3, 3M: 4).
     */
    public int minSteps() {
        return 1;
    }

    /**
     * The number of model calls for an N-point grid as the sampler counts them ({@link Samples#nfe}),
     * or empty for the adaptive solver, whose tolerances set it. By default one call per grid
     * point: N, and for the EDM-form samplers N - 1 without the closing step to sigma = 0.
     */
    public OptionalInt nfe(int steps, SamplerSettings settings) {
        return OptionalInt.of(anySchedule && !settings.denoise() ? steps - 1 : steps);
    }

    /** Whether the sampler picks its own steps (tolerances set its cost, not N). */
    public boolean adaptive() {
        return false;
    }

    /** Why the grid needs {@link #minSteps} points, for the user error. */
    private String whyMinSteps() {
        int order = minSteps() - 1;
        return order == 1 ? "its grid needs both ends, T and eps"
                : "its order-" + order + " multistep update needs " + (order - 1) + " earlier point" + (order > 2 ? "s" : "")
                        + " before a step between two positive noise levels";
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
