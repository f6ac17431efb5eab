package io.github.scoresde.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.scoresde.sample.ode.VectorField;
import io.github.scoresde.tensor.Scopes;

/**
 * The augmented probability-flow ODE of SPEC §5 on the state [x, Delta] flattened to [B, D + 1]:
 * d x / dt = f~(x, t) and d Delta / dt = div f~(x, t), with the divergence from fixed probes.
 *
 * <p>One evaluation runs the drift on the batch repeated once per probe, [n B, ...], inside a
 * gradient collector, and one backward pass of sum_i v_i . f~ gives all n vector-Jacobian
 * products v_i^T (d f~ / dx) at once. Everything but the result lives in a scope closed before
 * returning; every constant in the differentiated path is owned by libtorch (see
 * {@link io.github.scoresde.tensor.Shapes#scale}).
 */
final class AugmentedFlow implements VectorField {
    private final VectorField drift;
    private final Shape batch;
    private final Probes probes;

    /**
     * @param drift the probability-flow drift f~, differentiable in x
     * @param batch the shape [B, ...] of x
     * @param probes probes [n, B, ...] for this trajectory; must stay open while the flow is used
     */
    AugmentedFlow(VectorField drift, Shape batch, Probes probes) {
        this.drift = drift;
        this.batch = batch;
        this.probes = probes;
    }

    /** The augmented initial state [x, 0] as [B, D + 1], owned by x's manager. */
    static NDArray augment(NDArray x) {
        return Scopes.one(x.getManager(), new NDList(x), scope -> {
            NDArray flat = x.reshape(x.getShape().get(0), -1);
            return flat.concat(flat.getManager().zeros(new Shape(flat.getShape().get(0), 1), x.getDataType()), 1);
        });
    }

    /** The x part of an augmented state, shaped [B, ...]; owned by the state's manager. */
    static NDArray position(NDArray state, Shape batch) {
        return state.get(":, :-1").reshape(batch);
    }

    /** The Delta part of an augmented state, [B]; owned by the state's manager. */
    static NDArray delta(NDArray state) {
        return state.get(":, -1");
    }

    @Override
    public NDArray at(NDArray state, double t) {
        return Scopes.one(state.getManager(), new NDList(state), scope -> {
            int n = probes.count();
            long b = batch.get(0);
            Shape tiledShape = new Shape(n * b).addAll(batch.slice(1));
            NDArray v = probes.vectors().reshape(tiledShape);
            v.attach(scope);
            NDArray x = position(state, batch).expandDims(0).repeat(0, n).reshape(tiledShape);
            x.setRequiresGradient(true);
            NDArray f;
            try (GradientCollector collector = state.getManager().getEngine().newGradientCollector()) {
                f = drift.at(x, t);
                collector.backward(f.mul(v).sum());
            }
            // v_i^T J per row; its dot product with v_i is the probe's quadratic form.
            NDArray quadratic = x.getGradient().mul(v).reshape(n, b, -1).sum(new int[] {0, 2});
            NDArray divergence = probes.weight() == 1 ? quadratic : quadratic.mul(probes.weight());
            NDArray fx = f.stopGradient().get(":" + b).reshape(b, -1);
            return fx.concat(divergence.reshape(b, 1), 1);
        });
    }
}
