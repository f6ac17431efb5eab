package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.tensor.Rng;

/**
 * Sliced score matching on the data itself (Song, Garg, Shi and Ermon 2019):
 * E_v[v^T (grad_x s) v + (v^T s)^2 / 2] with v Rademacher or Gaussian. DJL has no double
 * backward, so the Jacobian term is the central finite difference
 * v^T (s(x + h v) - s(x - h v)) / (2h) (Pang et al. 2020; SPEC §3), its error O(h^2).
 *
 * <p>The network scores clean data: it is evaluated at the fixed time where the SDE's noise
 * level is {@code sigma}, a label, not added noise (a small sigma keeps the score's scaling
 * well conditioned).
 */
public final class SlicedScoreMatching implements Objective {
    /** Distribution of the projections v. */
    public enum Projection {
        /** Entries +-1 with equal probability (lowest variance, Hutchinson). */
        RADEMACHER {
            @Override
            NDArray from(NDArray gaussian) {
                return gaussian.sign();
            }
        },
        /** Standard normal entries. */
        GAUSSIAN {
            @Override
            NDArray from(NDArray gaussian) {
                return gaussian;
            }
        };

        /** The projection made from a standard normal draw of the same shape. */
        abstract NDArray from(NDArray gaussian);
    }

    private final Projection projection;
    private final double h;
    private final double sigma;

    /**
     * @param projection distribution of v
     * @param h finite-difference step (> 0, e.g. 1e-2 times the data scale)
     * @param sigma noise level whose time labels the network's input
     */
    public SlicedScoreMatching(Projection projection, double h, double sigma) {
        if (!(h > 0) || !(sigma > 0)) {
            throw new IllegalArgumentException("need h > 0 and sigma > 0, got " + h + ", " + sigma);
        }
        this.projection = projection;
        this.h = h;
        this.sigma = sigma;
    }

    @Override
    public NDArray loss(NetworkScoreModel model, NDArray x0, Rng rng) {
        NDManager m = x0.getManager();
        long b = x0.getShape().get(0);
        NDArray v = projection.from(rng.normal(m, x0.getShape(), x0.getDataType()));
        // One forward pass over [x + h v; x - h v; x].
        NDArray stacked = NDArrays.concat(new NDList(x0.add(v.mul(h)), x0.sub(v.mul(h)), x0), 0);
        double t = model.sde().timeOfSigma(sigma);
        NDArray scores = model.score(stacked, m.ones(new Shape(3 * b), x0.getDataType()).muli(t), true);
        NDArray plus = scores.get("0:" + b);
        NDArray minus = scores.get(b + ":" + 2 * b);
        NDArray here = scores.get(2 * b + ":");
        NDArray jacobianTerm = project(plus.sub(minus), v).div(2 * h);
        return jacobianTerm.add(project(here, v).square().mul(0.5));
    }

    /** v^T u per sample. */
    private static NDArray project(NDArray u, NDArray v) {
        return u.mul(v).reshape(u.getShape().get(0), -1).sum(new int[] {1});
    }
}
