package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.model.net.ForwardDifferentiable;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;

/**
 * Sliced score matching on the data itself (Song, Garg, Shi and Ermon 2019):
 * E_v[v^T (grad_x s) v + (v^T s)^2 / 2] with v Rademacher or Gaussian. DJL has no double
 * backward, so the Jacobian term is either the central finite difference
 * v^T (s(x + h v) - s(x - h v)) / (2h) (Pang et al. 2020; SPEC §3), its error O(h^2), or the
 * exact forward-mode product J v of a {@link ForwardDifferentiable} network.
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

    /** How the term v^T (grad_x s) v is computed; both are differentiable with first-order autograd. */
    public interface JacobianTerm {
        /**
         * The score at x and v^T (grad_x s(x)) v per sample.
         *
         * @param t times [B]; v projections like x
         * @return the score [B, ...] and the term [B], owned by x's manager
         */
        Result evaluate(NetworkScoreModel model, NDArray x, NDArray t, NDArray v);

        /** The score s(x) and v^T (grad_x s) v. */
        record Result(NDArray score, NDArray vJv) {}

        /** The central finite difference with step h (> 0, e.g. 1e-2 times the data scale), one forward pass. */
        static JacobianTerm finiteDifference(double h) {
            if (!(h > 0)) {
                throw new IllegalArgumentException("need h > 0, got " + h);
            }
            return (model, x, t, v) -> {
                long b = x.getShape().get(0);
                // One forward pass over [x + h v; x - h v; x].
                NDArray stacked = NDArrays.concat(new NDList(x.add(v.mul(h)), x.sub(v.mul(h)), x), 0);
                NDArray scores = model.score(stacked, NDArrays.concat(new NDList(t, t, t), 0), true);
                NDArray difference = scores.get("0:" + b).sub(scores.get(b + ":" + 2 * b));
                return new Result(scores.get(2 * b + ":"), Shapes.scale(project(difference, v), 1 / (2 * h)));
            };
        }

        /** The exact product J v by forward-mode differentiation (needs a forward-differentiable network). */
        static JacobianTerm forwardMode() {
            return (model, x, t, v) -> {
                ForwardDifferentiable.Jvp jvp = model.scoreWithJvp(x, t, v.expandDims(0), true);
                return new Result(jvp.value(), project(jvp.tangents().squeeze(0), v));
            };
        }
    }

    private final Projection projection;
    private final JacobianTerm jacobianTerm;
    private final double sigma;

    /**
     * @param projection distribution of v
     * @param jacobianTerm how v^T (grad_x s) v is computed
     * @param sigma noise level whose time labels the network's input
     */
    public SlicedScoreMatching(Projection projection, JacobianTerm jacobianTerm, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("need sigma > 0, got " + sigma);
        }
        this.projection = projection;
        this.jacobianTerm = jacobianTerm;
        this.sigma = sigma;
    }

    @Override
    public NDArray loss(NetworkScoreModel model, NDArray x0, Rng rng) {
        NDManager m = x0.getManager();
        NDArray v = projection.from(rng.normal(m, x0.getShape(), x0.getDataType()));
        NDArray t = m.ones(new Shape(x0.getShape().get(0)), x0.getDataType()).muli(model.sde().timeOfSigma(sigma));
        JacobianTerm.Result terms = jacobianTerm.evaluate(model, x0, t, v);
        return terms.vJv().add(Shapes.scale(project(terms.score(), v).square(), 0.5));
    }

    /** v^T u per sample. */
    static NDArray project(NDArray u, NDArray v) {
        return u.mul(v).reshape(u.getShape().get(0), -1).sum(new int[] {1});
    }
}
