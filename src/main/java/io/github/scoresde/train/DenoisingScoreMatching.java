package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/**
 * Continuous-time denoising score matching (Song et al. 2021, eq. 7; SPEC §3): t ~ U(eps, T),
 * x_t = a(t) x0 + s(t) z, loss = lambda(t) ||score(x_t, t) + z / s(t)||^2 summed over dimensions.
 * With lambda = s^2 this is ||s score + z||^2 = ||D - x0||^2 / sigma^2, the form computed here.
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

    private final Weighting weighting;
    private final double eps;

    /**
     * @param weighting lambda(t)
     * @param eps smallest training time (1e-5 is the reference's choice)
     */
    public DenoisingScoreMatching(Weighting weighting, double eps) {
        this.weighting = weighting;
        this.eps = eps;
    }

    @Override
    public NDArray loss(NetworkScoreModel model, NDArray x0, Rng rng) {
        Sde sde = model.sde();
        int b = Math.toIntExact(x0.getShape().get(0));
        double[] t = new double[b];
        double[] a = new double[b];
        double[] s = new double[b];
        double[] w = new double[b];
        java.util.SplittableRandom times = rng.javaRandom();
        for (int i = 0; i < b; i++) {
            t[i] = eps + (sde.tMax() - eps) * times.nextDouble();
            a[i] = sde.a(t[i]);
            s[i] = sde.s(t[i]);
            // ||D - x0||^2 / sigma^2 with sigma = s / a, times the weighting's relative factor.
            w[i] = weighting.relative(sde, t[i]) * a[i] * a[i] / (s[i] * s[i]);
        }
        return DenoisingError.of(model, x0, t, a, s, w, rng);
    }
}
