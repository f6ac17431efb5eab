package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.condition.linear.Ccdf;
import io.github.scoresde.condition.linear.DdrmStep;
import io.github.scoresde.condition.linear.Ilvr;
import io.github.scoresde.condition.linear.Measured;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.Corrector;
import io.github.scoresde.sample.EdmSampler;
import io.github.scoresde.sample.PredictorCorrector;
import io.github.scoresde.sample.ReverseDiffusion;
import io.github.scoresde.sample.SamplingContext;
import io.github.scoresde.sample.Samples;
import io.github.scoresde.sample.StepListener;
import io.github.scoresde.sample.UniformTime;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/** The linear-inverse-problem solvers of {@code superres} and {@code deblur}, by command-line name. */
enum SuperresMethod {
    /** ILVR: reverse-diffusion predictor over N steps from the prior, projected onto y_t after each. */
    ILVR("ilvr") {
        @Override
        Samples run(ScoreModel model, Measured measured, Shape batch, Knobs k, Rng rng, NDManager nd, StepListener listener) {
            NDArray start = model.sde().prior().sample(nd, batch, DataType.FLOAT32, rng);
            return new PredictorCorrector(new ReverseDiffusion(), Corrector.NONE, 0, true).sample(model, start,
                    new UniformTime(k.steps()), new SamplingContext(rng, listener, new Ilvr(measured, 0)));
        }
    },
    /** DDRM with eta and eta_b = 1 over N steps. */
    DDRM("ddrm") {
        @Override
        Samples run(ScoreModel model, Measured measured, Shape batch, Knobs k, Rng rng, NDManager nd, StepListener listener) {
            NDArray start = DdrmStep.start(measured, model.sde(), batch, rng, nd, DataType.FLOAT32);
            return DdrmStep.sampler(measured, k.eta(), 1, true).sample(model, start, new UniformTime(k.steps()),
                    new SamplingContext(rng, listener));
        }
    },
    /** CCDF: H^+ y diffused to t0, then stochastic DDIM over round(N t0 / T) steps with ILVR's projection. */
    CCDF("ccdf") {
        @Override
        Samples run(ScoreModel model, Measured measured, Shape batch, Knobs k, Rng rng, NDManager nd, StepListener listener) {
            Sde sde = model.sde();
            NDArray start = Ccdf.start(measured, sde, k.t0(), batch, rng, nd, DataType.FLOAT32);
            return EdmSampler.ddim(1, true).sample(model, start, new Ccdf.Window(k.t0(), ccdfSteps(k, sde), Double.NaN),
                    new SamplingContext(rng, listener, new Ilvr(measured, 0)));
        }
    };

    /**
     * The methods' settings.
     *
     * @param steps grid points N of a method started at T
     * @param eta DDRM's stochasticity
     * @param t0 CCDF's start time
     */
    record Knobs(int steps, double eta, double t0) {}

    private final String cliName;

    SuperresMethod(String cliName) {
        this.cliName = cliName;
    }

    abstract Samples run(ScoreModel model, Measured measured, Shape batch, Knobs k, Rng rng, NDManager nd, StepListener listener);

    /** CCDF covers [eps, t0] with the share of the N points that falls there. */
    static int ccdfSteps(Knobs k, Sde sde) {
        return Math.max(2, (int) Math.round(k.steps() * k.t0() / sde.tMax()));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
