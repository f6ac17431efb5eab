package io.github.scoresde.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;
import io.github.scoresde.train.data.DataSource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a {@link NetworkScoreModel} with an {@link Objective}: Adam with warm-up, gradient-norm
 * clipping and an EMA of the weights. Step k draws its batch and noise from
 * {@link Rng#forStep}(seed, k) only, so the run is reproducible and can resume at any step.
 * Every step runs in its own sub-manager, so memory stays flat.
 */
public final class Trainer implements AutoCloseable {
    /** Consecutive non-finite steps after which training stops. */
    public static final int MAX_SKIPPED_IN_A_ROW = 10;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Trainer.class);

    /**
     * Optimisation settings.
     *
     * @param batch batch size (>= 1)
     * @param lr peak learning rate, in (0, 1]
     * @param warmup warm-up steps (>= 0)
     * @param gradClip largest global gradient norm (> 0; SPEC §3: 1)
     * @param emaDecay EMA decay, in [0, 1)
     * @param seed seed of every draw
     */
    public record Settings(int batch, double lr, int warmup, double gradClip, double emaDecay, long seed) {
        /** Validates ranges, naming the setting. */
        public Settings {
            check(batch >= 1, "batch must be >= 1, got " + batch);
            check(lr > 0 && lr <= 1, "lr must be in (0, 1], got " + lr);
            check(warmup >= 0, "warmup must be >= 0, got " + warmup);
            check(gradClip > 0, "grad_clip must be > 0, got " + gradClip);
            check(emaDecay >= 0 && emaDecay < 1, "ema must be in [0, 1), got " + emaDecay);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** Observes training steps. */
    @FunctionalInterface
    public interface Listener {
        /** Called after step {@code step} (1-based) with its mean loss. */
        void onStep(long step, double loss);
    }

    private final NetworkScoreModel model;
    private final Objective objective;
    private final DataSource data;
    private final Settings settings;
    private final NDManager manager;
    private final List<String> names = new ArrayList<>();
    private final List<NDArray> parameters = new ArrayList<>();
    private final Adam adam;
    private final Ema ema;
    private long step;
    private long skipped;
    private int skippedInARow;
    private String lastProblem = "";

    /** A trainer at step 0 for a model whose block is initialised. */
    public Trainer(NetworkScoreModel model, Objective objective, DataSource data, Settings settings, NDManager parent) {
        this.model = model;
        this.objective = objective;
        this.data = data;
        this.settings = settings;
        this.manager = parent.newSubManager();
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            names.add(p.getKey());
            parameters.add(p.getValue().getArray());
        }
        this.adam = new Adam(parameters, settings.lr(), settings.warmup(), manager);
        this.ema = new Ema(parameters, settings.emaDecay(), manager);
    }

    /** Steps taken so far. */
    public long step() {
        return step;
    }

    /** The EMA of the weights. */
    public Ema ema() {
        return ema;
    }

    /**
     * Takes optimisation steps until {@code untilStep}.
     *
     * <p>A step whose loss or gradient norm is not finite is skipped (no update, logged), as
     * mixed-precision trainers do, so that one bad batch does not end a long run;
     * {@value #MAX_SKIPPED_IN_A_ROW} in a row mean the run itself diverged.
     *
     * @throws IllegalStateException after {@value #MAX_SKIPPED_IN_A_ROW} consecutive non-finite
     *     steps (parameters are those before the first of them; the trainer is not usable after)
     */
    public void fit(long untilStep, Listener listener) {
        while (step < untilStep) {
            double loss = takeStep(step + 1);
            step++;
            if (Double.isNaN(loss)) {
                skipped++;
                skippedInARow++;
                LOG.warn("step {}: {}; step skipped", step, lastProblem);
                if (skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
                    throw new IllegalStateException(lastProblem + " at steps " + (step - skippedInARow + 1) + " to " + step
                            + "; lower the learning rate (parameters kept from step " + (step - skippedInARow) + ")");
                }
            } else {
                skippedInARow = 0;
            }
            listener.onStep(step, loss);
        }
    }

    /** Steps skipped so far because their loss or gradient was not finite. */
    public long skippedSteps() {
        return skipped;
    }

    /** One step; NaN when it was skipped (the reason in {@link #lastProblem}). */
    private double takeStep(long k) {
        Rng rng = Rng.forStep(settings.seed(), k);
        try (NDManager scope = manager.newSubManager()) {
            NDArray x0 = data.batch(scope, settings.batch(), DataType.FLOAT32, rng);
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray mean = objective.loss(model, x0, rng).mean();
                loss = mean.getFloat();
                if (!Double.isFinite(loss)) {
                    lastProblem = "loss is " + loss;
                    return Double.NaN;
                }
                collector.backward(mean);
            }
            NDList gradients = new NDList();
            NDList squaredNorms = new NDList();
            for (NDArray p : parameters) {
                NDArray g = p.getGradient();
                g.attach(scope);
                gradients.add(g);
                squaredNorms.add(g.square().sum());
            }
            // One read-back for the global norm rather than one per parameter.
            double norm = Math.sqrt(NDArrays.stack(squaredNorms).sum().getFloat());
            if (Double.isFinite(norm)) {
                double scale = Math.min(1, settings.gradClip() / (norm + 1e-12));
                adam.update(parameters, gradients, scale, k);
                ema.update(parameters);
            } else {
                lastProblem = "gradient norm is " + norm;
                loss = Double.NaN;
            }
            for (NDArray g : gradients) {
                g.muli(0);
                if (Double.isNaN(loss)) {
                    // inf * 0 and NaN * 0 are NaN: clear those too, or they would persist.
                    g.set(g.isNaN(), 0);
                }
            }
            return loss;
        }
    }

    /**
     * The training state as a checkpoint: parameters, EMA, Adam moments and the step, added to
     * {@code header} (which carries the config, data statistics and provenance).
     */
    public Checkpoint checkpoint(ObjectNode header) {
        ObjectNode h = header.deepCopy();
        h.put("step", step);
        Map<String, Checkpoint.Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            tensors.put("param/" + names.get(i), tensor(parameters.get(i)));
            tensors.put("ema/" + names.get(i), tensor(ema.values().get(i)));
            tensors.put("adam_m/" + names.get(i), tensor(adam.firstMoments().get(i)));
            tensors.put("adam_v/" + names.get(i), tensor(adam.secondMoments().get(i)));
        }
        return new Checkpoint(h, tensors);
    }

    /**
     * Continues from a checkpoint of the same model: restores every array and the step.
     *
     * @throws io.github.scoresde.UserInputException when the checkpoint's tensors do not match
     *     this model's parameters
     */
    public void restore(Checkpoint checkpoint, String source) {
        if (checkpoint.header().path(Checkpoint.WEIGHTS_ONLY).asBoolean()) {
            throw new io.github.scoresde.UserInputException("checkpoint " + source
                    + " holds only the EMA weights of a finished run and cannot be resumed: resume from its run's checkpoints/last.ckpt");
        }
        for (int i = 0; i < names.size(); i++) {
            restore(checkpoint, "param/" + names.get(i), parameters.get(i), source);
            restore(checkpoint, "ema/" + names.get(i), ema.values().get(i), source);
            restore(checkpoint, "adam_m/" + names.get(i), adam.firstMoments().get(i), source);
            restore(checkpoint, "adam_v/" + names.get(i), adam.secondMoments().get(i), source);
        }
        if (checkpoint.tensors().size() != 4 * names.size()) {
            throw new io.github.scoresde.UserInputException("checkpoint " + source + " has " + checkpoint.tensors().size()
                    + " tensors, this model needs " + 4 * names.size() + ": it belongs to another model");
        }
        step = checkpoint.header().path("step").asLong();
    }

    private static void restore(Checkpoint checkpoint, String name, NDArray target, String source) {
        Checkpoint.Tensor t = checkpoint.tensors().get(name);
        if (t == null || !Arrays.equals(t.shape(), target.getShape().getShape())) {
            throw new io.github.scoresde.UserInputException("checkpoint " + source + " does not match the model: "
                    + name + (t == null ? " is missing" : " has shape " + Arrays.toString(t.shape()) + ", the model needs "
                    + target.getShape()));
        }
        Shapes.copyInto(t.values(), target);
    }

    private static Checkpoint.Tensor tensor(NDArray array) {
        return new Checkpoint.Tensor(array.getShape().getShape(), array.toType(DataType.FLOAT32, false).toFloatArray());
    }

    /** Copies the EMA weights into the model's parameters (for sampling after training). */
    public void useEmaWeights() {
        ema.copyTo(parameters);
    }

    @Override
    public void close() {
        manager.close();
    }
}
