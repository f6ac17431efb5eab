package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.likelihood.BitsPerDim;
import io.github.scoresde.likelihood.Dequantizer;
import io.github.scoresde.likelihood.ProbabilityFlowLikelihood;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.ode.DormandPrince45;
import io.github.scoresde.sample.ode.Tolerances;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.train.data.PixelScaling;
import java.util.function.Function;

/**
 * One {@code likelihood} run: log p_eps of every example through the probability-flow ODE with
 * the adaptive Dormand–Prince solver, batch by batch in sub-managers so memory stays flat, and
 * bits per dimension of uniformly dequantized 8-bit images.
 */
final class LikelihoodRun {
    /** Points per batch: small enough that the exact divergence's D-fold batch stays cheap. */
    static final int POINT_BATCH = 256;
    /** Images per batch. */
    static final int IMAGE_BATCH = 32;

    /**
     * What to run.
     *
     * @param model opens the score model in a manager (closed with it)
     * @param scaling the pixel scaling of image data, or null for points (no bpd)
     */
    record Request(Function<NDManager, ScoreModel> model, LikelihoodData data, long dim, PixelScaling scaling,
            EstimatorChoice estimator, int probes, double rtol, double atol, boolean float64, long seed) {
        int batchSize() {
            return scaling == null ? POINT_BATCH : IMAGE_BATCH;
        }
    }

    /**
     * What came out.
     *
     * @param logLikelihood log p_eps per example (of the dequantized image for images)
     * @param bpd bits per dimension per example, or null for points
     * @param nfe evaluations of the augmented field per batch
     * @param eps the start time of the flow
     */
    record Result(double[] logLikelihood, double[] bpd, int[] nfe, double eps, double wallSeconds) {}

    private LikelihoodRun() {}

    static Result run(Request r, Progress progress) {
        int n = r.data().count();
        int batches = (n + r.batchSize() - 1) / r.batchSize();
        double[] logLik = new double[n];
        int[] nfe = new int[batches];
        DataType type = r.float64() ? DataType.FLOAT64 : DataType.FLOAT32;
        try (NDManager manager = NDManager.newBaseManager()) {
            ProbabilityFlowLikelihood likelihood = new ProbabilityFlowLikelihood(r.model().apply(manager),
                    new DormandPrince45(Tolerances.of(r.rtol(), r.atol())), r.estimator().create(r.probes(), new Rng(r.seed())));
            long t0 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                int from = b * r.batchSize();
                int to = Math.min(n, from + r.batchSize());
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = r.data().batch(scope, from, to, type);
                    if (r.scaling() != null) {
                        // Dequantization noise depends on (seed, batch) only, so a batch's draw never shifts with the others.
                        x = Dequantizer.dequantize(x, r.scaling(), Rng.forStep(r.seed(), b));
                    }
                    ProbabilityFlowLikelihood.Result result = likelihood.logLikelihood(x);
                    System.arraycopy(result.values(), 0, logLik, from, to - from);
                    nfe[b] = result.nfe();
                }
                progress.update(to, n, "NFE " + nfe[b]);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double[] bpd = r.scaling() == null ? null : BitsPerDim.of(logLik, r.dim(), r.scaling());
            return new Result(logLik, bpd, nfe, likelihood.eps(), wall);
        }
    }
}
