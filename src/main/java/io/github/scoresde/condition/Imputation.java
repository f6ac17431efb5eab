package io.github.scoresde.condition;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.sample.Constraint;
import io.github.scoresde.sample.Step;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import java.util.Arrays;

/**
 * Imputation by replacement (SPEC §6; Song et al. 2021, App. I.2): after every predictor and
 * corrector step the known entries of the state become a fresh forward sample a(t) y + s(t) z
 * of their values y at the time t the step reached, and exactly y at t = 0. The noise-free mean
 * gets a(t) y there, so a sampler's final denoised output carries y exactly.
 *
 * <p>This is a heuristic, not exact conditional sampling: the unknown entries follow the
 * model's p_t(x_U | x_K,t) at a noisy draw x_K,t of the known ones, not p_t(x_U | x_0,K = y).
 * With exact scores it is close on the mixtures of SPEC §8 but not exact (measured errors in
 * {@code ImputationTest} and the branch's README text).
 *
 * <p>Differences from score_sde's {@code get_pc_inpainter}: the forward sample is taken at the
 * time the step reached (score_sde uses the time the step started from, one grid step too
 * noisy), and the unknown part of the mean is the step's own mean (score_sde takes the noisy
 * state's, so its final "denoised" unknown entries keep the last step's noise). Every sampler
 * that applies a {@link Constraint} can impute: the PC family and the EDM-form samplers, whose
 * deterministic members (edm-heun, ddim with eta = 0, dpmpp-2m) integrate the probability-flow
 * ODE; there the known entries are still re-drawn with fresh noise, which keeps the state on
 * the forward marginal of the known entries, as the score expects.
 */
public final class Imputation implements Constraint {
    private final Shape example;
    private final double[] mask;
    private final double[] values;
    private final int rows;

    /**
     * @param example the shape of one example, [D] or [C, H, W]
     * @param mask 1 where the entry is known, 0 elsewhere; one entry per element of an example
     * @param values the known values (entries where the mask is 0 are ignored)
     */
    public Imputation(Shape example, double[] mask, double[] values) {
        this(example, mask, new double[][] {values});
    }

    /**
     * Known values that differ between the samples of a batch (inpainting several images at once).
     *
     * @param example the shape of one example
     * @param mask 1 where the entry is known, 0 elsewhere, shared by all samples
     * @param values one row of known values per sample of the batch, or a single row for all
     */
    public Imputation(Shape example, double[] mask, double[][] values) {
        long size = example.size();
        if (mask.length != size || values.length == 0) {
            throw new IllegalArgumentException("the mask needs " + size + " entries (" + example + "), got " + mask.length);
        }
        int known = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0 && mask[i] != 1) {
                throw new IllegalArgumentException("mask entries must be 0 or 1, entry " + i + " is " + mask[i]);
            }
            known += (int) mask[i];
        }
        if (known == 0) {
            throw new IllegalArgumentException("the mask marks no entry as known");
        }
        this.example = example;
        this.mask = mask.clone();
        this.rows = values.length;
        this.values = new double[values.length * mask.length];
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != size) {
                throw new IllegalArgumentException("values need " + size + " entries (" + example + "), got " + values[r].length);
            }
            for (int i = 0; i < mask.length; i++) {
                if (mask[i] == 1 && !Double.isFinite(values[r][i])) {
                    throw new IllegalArgumentException("known value " + i + " is not finite: " + values[r][i]);
                }
                this.values[r * mask.length + i] = mask[i] * values[r][i];
            }
        }
    }

    /** Known coordinates {@code known[j]} = {@code values[j]} of D-dimensional points. */
    public static Imputation coordinates(int dim, int[] known, double[] values) {
        if (known.length != values.length) {
            throw new IllegalArgumentException("one value per known coordinate, got " + known.length + " and " + values.length);
        }
        double[] mask = new double[dim];
        double[] full = new double[dim];
        for (int j = 0; j < known.length; j++) {
            if (known[j] < 0 || known[j] >= dim || mask[known[j]] == 1) {
                throw new IllegalArgumentException("known coordinates must be distinct indices in [0, " + dim + "), got "
                        + Arrays.toString(known));
            }
            mask[known[j]] = 1;
            full[known[j]] = values[j];
        }
        return new Imputation(new Shape(dim), mask, full);
    }

    @Override
    public Step enforce(Step step, double t, Sde sde, Rng rng) {
        NDArray x = step.x();
        NDManager m = x.getManager();
        Shape batched = new Shape(1).addAll(example);
        NDArray known = m.create(mask, batched).toType(x.getDataType(), false);
        NDArray unknown = known.neg().addi(1);
        NDArray y = m.create(values, new Shape(rows).addAll(example)).toType(x.getDataType(), false);
        if (t == 0) {
            return new Step(x.mul(unknown).addi(y), step.xMean().mul(unknown).addi(y));
        }
        NDArray mean = y.mul(sde.a(t));
        NDArray sample = rng.normal(m, x.getShape(), x.getDataType()).muli(sde.s(t)).muli(known).addi(mean);
        return new Step(x.mul(unknown).addi(sample), step.xMean().mul(unknown).addi(mean));
    }

    @Override
    public String toString() {
        return "imputation(" + (int) Arrays.stream(mask).sum() + " of " + mask.length + " entries known)";
    }
}
