package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1) with linear learning-rate warm-up, updating parameter
 * arrays in place. Its moment estimates are plain arrays it owns, so a checkpoint can store
 * them and a resumed run continues bit for bit.
 */
public final class Adam implements AutoCloseable {
    private final double lr;
    private final int warmup;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final NDManager manager;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();

    /**
     * @param parameters the arrays to update, in a fixed order
     * @param lr peak learning rate
     * @param warmup steps of linear warm-up from 0 to lr
     */
    public Adam(List<NDArray> parameters, double lr, int warmup, NDManager parent) {
        this.lr = lr;
        this.warmup = warmup;
        this.beta1 = 0.9;
        this.beta2 = 0.999;
        this.epsilon = 1e-8;
        this.manager = parent.newSubManager();
        for (NDArray p : parameters) {
            first.add(manager.zeros(p.getShape(), p.getDataType()));
            second.add(manager.zeros(p.getShape(), p.getDataType()));
        }
    }

    /** The learning rate at a 1-based step: linear warm-up, then constant. */
    public double learningRate(long step) {
        return warmup > 0 ? lr * Math.min(1.0, step / (double) warmup) : lr;
    }

    /**
     * One update of every parameter with its gradient (scaled by {@code gradScale}, e.g. for
     * clipping); {@code step} counts from 1. Must run with autograd recording off.
     *
     * <p>Plain tensor ops, exactly Kingma and Ba's update; DJL's fused {@code adamUpdate} folds
     * the bias corrections into the step size and was 10-20% faster on the 2-D MLP.
     */
    public void update(List<NDArray> parameters, List<NDArray> gradients, double gradScale, long step) {
        double rate = learningRate(step);
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        try (NDManager scope = manager.newSubManager()) {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray g = temporary(gradients.get(i).mul(gradScale), scope);
                first.get(i).muli(beta1).addi(g.mul(1 - beta1));
                second.get(i).muli(beta2).addi(g.square().muli(1 - beta2));
                NDArray denominator = temporary(second.get(i).div(correction2), scope).sqrt().addi(epsilon);
                parameters.get(i).subi(temporary(first.get(i).mul(rate / correction1), scope).divi(denominator));
            }
        }
    }

    /** Moves an array made from long-lived operands into the update's scope. */
    static NDArray temporary(NDArray array, NDManager scope) {
        array.attach(scope);
        return array;
    }

    /** First-moment estimates, in parameter order (owned by this optimiser). */
    public List<NDArray> firstMoments() {
        return first;
    }

    /** Second-moment estimates, in parameter order (owned by this optimiser). */
    public List<NDArray> secondMoments() {
        return second;
    }

    @Override
    public void close() {
        manager.close();
    }
}
