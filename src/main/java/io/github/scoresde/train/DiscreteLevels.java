package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The base of the discrete objectives: a level i uniform over N noise levels sigma_i (in the
 * EDM form s / a of SPEC §2), x_i = a x0 + s z, and ||D - x0||^2 / sigma_i^2 = ||s score + z||^2,
 * i.e. lambda = s^2 at the chosen level. Level i is shown to the model at the time where the
 * SDE's s(t) / a(t) equals sigma_i, where the SDE's kernel is the chain's marginal. A level
 * beyond the SDE's sigma(T) (the last few DDPM alphabars at N = 1000 fall just below the
 * continuous a(T)^2) is clamped to T, so the model is only ever trained on its own SDE's kernel.
 */
abstract class DiscreteLevels implements Objective {
    /** Number of levels N. */
    final int levels;
    private final Map<Sde, double[]> times = new ConcurrentHashMap<>();

    /** @param levels number of levels N (>= 1) */
    DiscreteLevels(int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("need levels >= 1, got " + levels);
        }
        this.levels = levels;
    }

    /** The N levels sigma_i of an SDE; IllegalArgumentException for a family without them. */
    abstract double[] sigmas(Sde sde);

    /** The times t_i of the SDE's levels, computed once per SDE; IllegalArgumentException where it has none. */
    final double[] times(Sde sde) {
        return times.computeIfAbsent(sde, s -> {
            double[] sigmas = sigmas(s);
            double[] t = new double[sigmas.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = s.timeOfSigma(sigmas[i]);
            }
            return t;
        });
    }

    @Override
    public final NDArray loss(NetworkScoreModel model, NDArray x0, Rng rng) {
        Sde sde = model.sde();
        double[] levelTimes = times(sde);
        int b = Math.toIntExact(x0.getShape().get(0));
        double[] t = new double[b];
        double[] a = new double[b];
        double[] s = new double[b];
        double[] w = new double[b];
        SplittableRandom rnd = rng.javaRandom();
        for (int i = 0; i < b; i++) {
            t[i] = levelTimes[rnd.nextInt(levelTimes.length)];
            a[i] = sde.a(t[i]);
            s[i] = sde.s(t[i]);
            w[i] = a[i] * a[i] / (s[i] * s[i]);
        }
        return DenoisingError.of(model, x0, t, a, s, w, rng);
    }
}
