package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.model.net.ForwardDifferentiable;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;

/**
 * Hyvarinen's score matching on the data itself (Hyvarinen 2005; SPEC §3):
 * tr(grad_x s) + ||s||^2 / 2 per sample, the trace exact from D forward-mode Jacobian-vector
 * products with the tangents e_1..e_D, batched into one pass. Its cost grows with D, so it is
 * for low-dimensional data ({@value #MAX_DIMENSION} at most); sliced score matching scales.
 *
 * <p>Like {@link SlicedScoreMatching}, the network is evaluated at the fixed time where the
 * SDE's noise level is {@code sigma}, a label, not added noise.
 */
public final class ExactScoreMatching implements Objective {
    /** Largest data dimension accepted. */
    public static final int MAX_DIMENSION = 64;

    private final double sigma;

    /** @param sigma noise level whose time labels the network's input (> 0) */
    public ExactScoreMatching(double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("need sigma > 0, got " + sigma);
        }
        this.sigma = sigma;
    }

    @Override
    public NDArray loss(NetworkScoreModel model, NDArray x0, Rng rng) {
        NDManager m = x0.getManager();
        Shape shape = x0.getShape();
        long b = shape.get(0);
        long d = shape.size() / b;
        if (d > MAX_DIMENSION) {
            throw new IllegalArgumentException("exact score matching needs one forward-mode product per dimension; data of dimension "
                    + d + " exceeds " + MAX_DIMENSION + ": use sliced score matching");
        }
        // Tangent j is e_j for every sample: [D, B, ...].
        NDArray eye = m.eye(Math.toIntExact(d)).toType(x0.getDataType(), false);
        NDArray tangents = eye.reshape(new Shape(d, 1).addAll(shape.slice(1))).broadcast(new Shape(d).addAll(shape));
        NDArray t = m.ones(new Shape(b), x0.getDataType()).muli(model.sde().timeOfSigma(sigma));
        ForwardDifferentiable.Jvp jvp = model.scoreWithJvp(x0, t, tangents, true);
        // tr(J) = sum_j (J e_j)_j.
        NDArray trace = jvp.tangents().reshape(d, b, d).mul(eye.reshape(d, 1, d)).sum(new int[] {0, 2});
        return trace.add(Shapes.scale(jvp.value().square().reshape(b, d).sum(new int[] {1}), 0.5));
    }
}
