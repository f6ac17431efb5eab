package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Continuous-time denoising score matching (Song et al. 2021, eq. 7; SPEC §3): t ~ U(eps, T),
 * x_t = a(t) x0 + s(t) z, loss = lambda(t) ||score(x_t, t) + z / s(t)||^2 summed over dimensions.
 * With lambda = s^2 this is ||s score + z||^2 = ||D - x0||^2 / sigma^2, the form computed here.
 *
 * <p>With {@link TimeSampling#IMPORTANCE}, t is drawn from p(t) proportional to lambda(t) / s(t)^2
 * instead, which makes every sample's weight the same constant and leaves the loss's expectation
 * unchanged (Song, Durkan, Murray and Ermon 2021, sec. 5): for the likelihood weighting g^2 this
 * removes the 1 / t spike of g^2 / s^2 near t = 0 from the estimate's variance.
 */
public final class DenoisingScoreMatching implements Objective {
    /** The weighting lambda(t), given as lambda(t) / s(t)^2 relative to the default. */
    public enum Weighting {
        /** lambda = s(t)^2, the default (equal weight to each noise level's noise prediction). */
        SQUARED_STD {
            @Override
            double relative(Sde sde, double t) {
                return 1;
            }
        },
        /** lambda = g(t)^2, which bounds the negative log-likelihood (Song, Durkan et al. 2021). */
        LIKELIHOOD {
            @Override
            double relative(Sde sde, double t) {
                double s = sde.s(t);
                return sde.g2(t) / (s * s);
            }
        };

        abstract double relative(Sde sde, double t);
    }

    /** How t is drawn. */
    public enum TimeSampling {
        /** t ~ U(eps, T), each sample weighted by lambda(t) / s(t)^2. */
        UNIFORM,
        /**
         * t ~ p(t) proportional to lambda(t) / s(t)^2 on [eps, T], each sample weighted by that
         * ratio's mean over U(eps, T); the uniform proposal for {@link Weighting#SQUARED_STD}.
         */
        IMPORTANCE
    }

    private final Weighting weighting;
    private final double eps;
    private final TimeSampling sampling;
    private final Map<Sde, TimeProposal> proposals = new ConcurrentHashMap<>();

    /**
     * @param weighting lambda(t)
     * @param eps smallest training time (1e-5 is the reference's choice; > 0 for importance sampling)
     * @param sampling how t is drawn
     */
    public DenoisingScoreMatching(Weighting weighting, double eps, TimeSampling sampling) {
        if (!(eps >= 0) || (sampling == TimeSampling.IMPORTANCE && eps == 0)) {
            throw new IllegalArgumentException("need eps >= 0, and > 0 with importance sampling, got " + eps);
        }
        this.weighting = weighting;
        this.eps = eps;
        this.sampling = sampling;
    }

    /** Uniform t ~ U(eps, T). */
    public DenoisingScoreMatching(Weighting weighting, double eps) {
        this(weighting, eps, TimeSampling.UNIFORM);
    }

    @Override
    public NDArray loss(NetworkScoreModel model, NDArray x0, Rng rng) {
        Sde sde = model.sde();
        int b = Math.toIntExact(x0.getShape().get(0));
        double[] t = new double[b];
        double[] a = new double[b];
        double[] s = new double[b];
        double[] w = new double[b];
        SplittableRandom times = rng.javaRandom();
        TimeProposal proposal = sampling == TimeSampling.IMPORTANCE ? proposal(sde) : null;
        for (int i = 0; i < b; i++) {
            double u = times.nextDouble();
            t[i] = proposal == null ? eps + (sde.tMax() - eps) * u : proposal.inverse(u);
            a[i] = sde.a(t[i]);
            s[i] = sde.s(t[i]);
            double relative = proposal == null ? weighting.relative(sde, t[i]) : proposal.meanWeight();
            // ||D - x0||^2 / sigma^2 with sigma = s / a, times the weighting's relative factor.
            w[i] = relative * a[i] * a[i] / (s[i] * s[i]);
        }
        return DenoisingError.of(model, x0, t, a, s, w, rng);
    }

    /** The importance proposal for {@code sde}, tabulated once. */
    TimeProposal proposal(Sde sde) {
        return proposals.computeIfAbsent(sde, key -> new TimeProposal(time -> weighting.relative(key, time), eps, key.tMax()));
    }
}
