package io.github.scoresde.condition.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.scoresde.model.CountingScoreModel;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.Sampler;
import io.github.scoresde.sample.SamplingContext;
import io.github.scoresde.sample.Samples;
import io.github.scoresde.sample.Schedule;
import io.github.scoresde.sample.StepEvent;
import io.github.scoresde.sample.Times;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Scopes;

/**
 * SNIPS (Kawar, Vaksman & Elad 2021, Alg. 1): annealed Langevin dynamics in the spectral
 * coordinates of H on the noise levels sigma = s(t)/a(t) of a schedule, in the EDM variable
 * x~ = x/a where x~ = x0 + sigma z. With n_i = sigma_y / s_i the noise of measured coordinate i
 * and y_i = (Sigma^-1 U^T y)_i, each of K steps per level with base step e = r sigma^2 moves
 * <ul>
 *   <li>an unmeasured coordinate by e score + sqrt(2e) z (plain Langevin);
 *   <li>a measured one with sigma > n_i towards y_i alone: r (y_i - c) + sqrt(2 r (sigma^2 - n_i^2)) z;
 *   <li>a measured one with sigma < n_i by the prior score and the likelihood together, with step
 *       e (1 - sigma^2 / n_i^2).
 * </ul>
 * The paper constructs the noise of x~ and of y so that these are the exact scores of
 * p(x~ | y) at every level, so SNIPS is exact in the limit of small steps, many steps per level
 * and a last level near 0; the result is then denoised with one more model call. It carries its
 * own measurement step, so it ignores a context's constraint.
 */
public final class Snips implements Sampler {
    private final Measured measured;
    private final double stepRatio;
    private final int stepsPerLevel;

    /**
     * @param stepRatio r in (0, 1): the Langevin step relative to sigma^2 (NCSN's epsilon / sigma_L^2)
     * @param stepsPerLevel K >= 1 Langevin steps at each level
     */
    public Snips(Measured measured, double stepRatio, int stepsPerLevel) {
        if (!(stepRatio > 0 && stepRatio < 1) || stepsPerLevel < 1) {
            throw new IllegalArgumentException("SNIPS needs a step ratio in (0, 1) and >= 1 step per level, got " + stepRatio
                    + " and " + stepsPerLevel);
        }
        this.measured = measured;
        this.stepRatio = stepRatio;
        this.stepsPerLevel = stepsPerLevel;
    }

    @Override
    public Samples sample(ScoreModel model, NDArray xStart, Schedule schedule, SamplingContext context) {
        Sde sde = model.sde();
        double[] times = schedule.times(sde);
        CountingScoreModel counted = new CountingScoreModel(model);
        NDManager owner = xStart.getManager();
        try (NDManager carry = owner.newSubManager()) {
            NDArray start = xStart.div(sde.a(times[0]));
            start.attach(carry);
            NDList state = new NDList(start);
            for (int k = 0; k < times.length; k++) {
                double t = times[k];
                for (int j = 0; j < stepsPerLevel; j++) {
                    NDList current = state;
                    state = Scopes.advance(carry, state, scope -> new NDList(langevin(counted, current.get(0), t, context.rng())));
                }
                try (NDArray x = state.get(0).mul(sde.a(t))) {
                    context.listener().onStep(new StepEvent(k, times.length, t, x));
                }
            }
            double last = times[times.length - 1];
            NDArray x;
            try (NDArray scaled = state.get(0).mul(sde.a(last))) {
                x = counted.denoise(scaled, Times.like(scaled, last));
            }
            x.attach(owner);
            return new Samples(x, x, counted.calls());
        }
    }

    /** One Langevin step at time t on x~; arrays in x~'s manager. */
    private NDArray langevin(ScoreModel model, NDArray xt, double t, Rng rng) {
        Sde sde = model.sde();
        double a = sde.a(t);
        double sigma = sde.s(t) / a;
        LinearMeasurement h = measured.operator();
        // The score in x~ = x / a is a times the score in x.
        NDArray score = model.score(xt.mul(a), Times.like(xt, t)).muli(a);
        NDArray z = rng.normal(xt.getManager(), xt.getShape(), xt.getDataType());
        double e = stepRatio * sigma * sigma;
        NDArray unseen = h.nullPart(score.mul(e).addi(z.mul(Math.sqrt(2 * e))));

        double[] s = h.singularValues();
        double[] toY = new double[s.length];
        double[] withScore = new double[s.length];
        double[] noise = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double level = measured.sigmaY() / s[i];
            if (sigma >= level) {
                toY[i] = stepRatio;
                noise[i] = Math.sqrt(2 * stepRatio * (sigma * sigma - level * level));
            } else {
                double step = e * (1 - sigma * sigma / (level * level));
                toY[i] = stepRatio * sigma * sigma / (level * level);
                withScore[i] = step;
                noise[i] = Math.sqrt(2 * step);
            }
        }
        NDArray c = h.toSpectral(xt);
        NDArray move = h.spectralMeasurement(measured.y(xt)).sub(c).muli(Measured.vector(xt, toY))
                .addi(h.toSpectral(score).muli(Measured.vector(xt, withScore)))
                .addi(h.toSpectral(z).muli(Measured.vector(xt, noise)));
        return xt.add(unseen).addi(h.fromSpectral(move));
    }

    @Override
    public String toString() {
        return "snips(r=" + stepRatio + ", K=" + stepsPerLevel + ")";
    }
}
