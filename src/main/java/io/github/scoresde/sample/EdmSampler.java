package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.scoresde.model.CountingScoreModel;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Scopes;

/**
 * The fast samplers of SPEC §4 for any SDE and any parameterisation: they integrate in the EDM
 * variable x~ = x / a(t) with noise level sigma = s(t)/a(t) as time (Karras et al. 2022, App.
 * C.1), calling the model's denoiser view at the schedule's times, and return a(t_end) x~. With
 * {@code denoise} they end with a step to sigma = 0, which lands on the denoiser's output
 * (EDM's sigma_N = 0; +1 NFE); otherwise at the schedule's last time. The context's
 * {@link Constraint} follows every step.
 */
public final class EdmSampler implements Sampler {
    private final NoiseLevelStep rule;
    private final String name;
    private final boolean denoise;

    private EdmSampler(NoiseLevelStep rule, String name, boolean denoise) {
        this.rule = rule;
        this.name = name;
        this.denoise = denoise;
    }

    /**
     * EDM's Heun sampler (Karras et al. 2022, Alg. 1 and, with churn, Alg. 2): NFE = 2N - 1 with
     * denoising (no correction on the step to sigma = 0), 2N - 2 without.
     *
     * @param churn the stochastic part; {@link Churn#NONE} for the deterministic sampler
     */
    public static EdmSampler heun(Churn churn, boolean denoise) {
        return new EdmSampler(new HeunStep(churn), churn == Churn.NONE ? "edm-heun" : "edm-heun(" + churn + ")", denoise);
    }

    /**
     * DDIM (Song, Meng & Ermon 2021) with stochasticity eta in [0, 1]: eta = 0 deterministic,
     * eta = 1 the DDPM posterior step; NFE = N with denoising.
     */
    public static EdmSampler ddim(double eta, boolean denoise) {
        return new EdmSampler(new DdimStep(eta), "ddim(eta=" + eta + ")", denoise);
    }

    /**
     * A sampler stepping by {@code rule}, for steps defined outside this package (DDRM's
     * measurement-aware step).
     */
    public static EdmSampler of(NoiseLevelStep rule, String name, boolean denoise) {
        return new EdmSampler(rule, name, denoise);
    }

    /** DPM-Solver++(2M) (Lu et al. 2022, Alg. 2): second-order multistep; NFE = N with denoising. */
    public static EdmSampler dpmSolverPlusPlus2M(boolean denoise) {
        return new EdmSampler(new DpmSolverPlusPlus2MStep(), "dpm-solver++(2m)", denoise);
    }

    /** DPM-Solver++(3M): third-order multistep ({@link DpmSolverPlusPlus3MStep}); NFE = N with denoising. */
    public static EdmSampler dpmSolverPlusPlus3M(boolean denoise) {
        return new EdmSampler(new DpmSolverPlusPlus3MStep(), "dpm-solver++(3m)", denoise);
    }

    @Override
    public Samples sample(ScoreModel model, NDArray xStart, Schedule schedule, SamplingContext context) {
        NoiseGrid grid = NoiseGrid.of(model.sde(), schedule.times(model.sde()), denoise);
        CountingScoreModel counted = new CountingScoreModel(model);
        EdmDenoiser denoiser = new EdmDenoiser(counted);
        NDManager owner = xStart.getManager();
        try (NDManager carry = owner.newSubManager()) {
            NDArray start = xStart.div(grid.a()[0]);
            start.attach(carry);
            NDList state = new NDList(start);
            for (int k = 0; k < grid.steps(); k++) {
                int index = k;
                NDList current = state;
                state = Scopes.advance(carry, state, scope -> constrained(
                        rule.step(denoiser, grid, index, current, context.rng()), grid, index + 1, model.sde(), context));
                try (NDArray x = state.get(0).mul(grid.a()[k + 1])) {
                    context.listener().onStep(new StepEvent(k, grid.steps(), grid.t()[k + 1], x));
                }
            }
            NDArray x = state.get(0).mul(grid.a()[grid.steps()]);
            x.attach(owner);
            return new Samples(x, x, counted.calls());
        }
    }

    /**
     * The context's constraint applied to x = a x~ at grid point k (SPEC §6: after every step;
     * t = 0 on the final step to sigma = 0), back in the EDM variable; a multistep rule's memory
     * passes unchanged.
     */
    private static NDList constrained(NDList state, NoiseGrid grid, int k, Sde sde, SamplingContext context) {
        if (context.constraint() == Constraint.NONE) {
            return state;
        }
        NDArray x = state.get(0).mul(grid.a()[k]);
        Step step = context.constraint().enforce(new Step(x, x), grid.t()[k], sde, context.rng());
        NDList out = new NDList(step.x().div(grid.a()[k]));
        out.addAll(state.subNDList(1));
        return out;
    }

    @Override
    public String toString() {
        return name + (denoise ? ", denoise" : "");
    }
}
