package io.github.scoresde.condition;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.net.Mlp;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Scopes;
import io.github.scoresde.tensor.Shapes;
import io.github.scoresde.train.Adam;
import java.util.ArrayList;
import java.util.List;

/**
 * A time-dependent classifier p_t(y | x_t) of low-dimensional points, the MLP counterpart of
 * {@link NoisyImageClassifier} (SPEC §6): the project's noise-conditional {@link Mlp} with one
 * logit per class, fed x_t / a / sqrt(1 + sigma^2) and the noise label log(sigma(t)) / 4, trained
 * by cross-entropy on labelled points diffused under one SDE at t ~ U(eps, T). On a mixture whose
 * components are the classes its target is the exact {@link ExactMixtureClassifier}.
 */
public final class NoisyMlpClassifier implements NoisyClassifier, AutoCloseable {
    private final NDManager manager;
    private final Mlp network;
    private final ParameterStore store;
    private final Sde sde;
    private final int classes;

    private NoisyMlpClassifier(NDManager manager, Mlp network, Sde sde, int classes) {
        this.manager = manager;
        this.network = network;
        this.store = new ParameterStore(manager, false);
        this.sde = sde;
        this.classes = classes;
    }

    /**
     * Settings of the training.
     *
     * @param steps Adam steps, each on a fresh batch of mixture draws
     * @param batch points per step
     * @param width hidden width of the MLP (two residual blocks)
     * @param lr Adam's learning rate
     * @param seed seed of the initialisation, the draws and the noise
     */
    public record Settings(int steps, int batch, int width, double lr, long seed) {}

    /** Trains a classifier of the mixture's components under {@code sde} on fresh exact draws. */
    public static NoisyMlpClassifier train(GaussianMixture mixture, Sde sde, Settings s, NDManager parent) {
        NDManager manager = parent.newSubManager();
        Mlp network = new Mlp(mixture.dim(), mixture.components(), s.width(), 2, s.seed());
        new Rng(s.seed()).seedEngineFor(() -> network.initialize(manager, DataType.FLOAT32, new Shape(1, mixture.dim()), new Shape(1)));
        List<NDArray> parameters = new ArrayList<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            parameters.add(p.getValue().getArray());
        }
        NoisyMlpClassifier c = new NoisyMlpClassifier(manager, network, sde, mixture.components());
        ParameterStore training = new ParameterStore(manager, false);
        try (Adam adam = new Adam(parameters, s.lr(), 0, manager)) {
            for (long step = 1; step <= s.steps(); step++) {
                try (NDManager scope = manager.newSubManager()) {
                    Rng rng = Rng.forStep(s.seed(), step);
                    GaussianMixture.Draws draws = mixture.sample(s.batch(), rng.javaRandom());
                    double[] t = new double[s.batch()];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = sde.eps() + (sde.tMax() - sde.eps()) * rng.javaRandom().nextDouble();
                    }
                    NDArray x0 = Shapes.fromRows(scope, draws.points()).toType(DataType.FLOAT32, false);
                    NDArray times = scope.create(t).toType(DataType.FLOAT32, false);
                    NDArray xt = x0.mul(Shapes.perSample(sde.a(times), x0))
                            .addi(rng.normal(scope, x0.getShape(), DataType.FLOAT32).muli(Shapes.perSample(sde.s(times), x0)));
                    NDArray oneHot = scope.create(draws.components()).oneHot(mixture.components(), DataType.FLOAT32);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = c.logits(xt, times, training, true).logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
                        collector.backward(loss);
                    }
                    List<NDArray> gradients = new ArrayList<>();
                    for (NDArray p : parameters) {
                        NDArray g = p.getGradient();
                        g.attach(scope);
                        gradients.add(g);
                    }
                    adam.update(parameters, gradients, 1, step);
                    for (NDArray g : gradients) {
                        g.muli(0);
                    }
                }
            }
        }
        return c;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public NDArray logProbability(NDArray x, NDArray t, int label) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> logits(x, t, store, false).logSoftmax(1).get(":, " + check(label))
                .toType(x.getDataType(), false));
    }

    @Override
    public NDArray gradient(NDArray x, NDArray t, int label) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> {
            NDArray xs = x.toType(DataType.FLOAT32, true);
            xs.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(logits(xs, t, store, false).logSoftmax(1).get(":, " + check(label)).sum());
            }
            return xs.getGradient().toType(x.getDataType(), true);
        });
    }

    /** The class probabilities p_t(y | x) [B, K], of x's type. */
    public NDArray probabilities(NDArray x, NDArray t) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> logits(x, t, store, false).softmax(1).toType(x.getDataType(), false));
    }

    /** Logits [B, K] of x_t [B, D] at times t [B]: the network sees c_in x_t / a and log(sigma) / 4. */
    private NDArray logits(NDArray x, NDArray t, ParameterStore ps, boolean training) {
        NDArray xf = x.toType(DataType.FLOAT32, false);
        NDArray tf = t.toType(DataType.FLOAT32, false);
        NDArray a = sde.a(tf).toType(DataType.FLOAT32, false);
        NDArray sigma = sde.s(tf).toType(DataType.FLOAT32, false).div(a);
        NDArray scaled = xf.mul(Shapes.perSample(sigma.square().add(1).sqrt().mul(a).pow(-1), xf));
        return network.forward(ps, new NDList(scaled, sigma.log().div(4)), training).singletonOrThrow();
    }

    private int check(int label) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label must be in [0, " + classes + "), got " + label);
        }
        return label;
    }

    @Override
    public void close() {
        manager.close();
    }
}
