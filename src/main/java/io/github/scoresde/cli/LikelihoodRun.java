package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.scoresde.likelihood.DequantizedLikelihood;
import io.github.scoresde.likelihood.ProbabilityFlowLikelihood;
import io.github.scoresde.sample.ode.OdeSolver;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.train.data.PixelScaling;

/**
 * One {@code likelihood} run: log p_eps of every example through the probability-flow ODE with
 * the adaptive Dormand–Prince solver, batch by batch in sub-managers so memory stays flat, and
 * bits per dimension of uniformly dequantized 8-bit images, averaged over K draws.
 */
final class LikelihoodRun {
    /** Points per batch: small enough that the exact divergence's D-fold batch stays cheap. */
    static final int POINT_BATCH = 256;
    /** Images per batch. */
    static final int IMAGE_BATCH = 32;

    /**
     * What to run.
     *
     * @param model the model to evaluate
     * @param dequantDraws uniform dequantization draws per image (ignored for points)
     */
    record Request(ModelTarget model, Examples data, EstimatorChoice estimator, int probes, OdeSolver solver, DataType type,
            int dequantDraws, long seed) {
        int batchSize() {
            return model.images() ? IMAGE_BATCH : POINT_BATCH;
        }

        /** The pixel scaling of image data, or null for points. */
        PixelScaling scaling() {
            return model.scaling();
        }
    }

    /**
     * What came out.
     *
     * @param logLikelihood log p_eps per example (for images: of the dequantized image, mean over the draws)
     * @param bpd bits per dimension per example (mean over the draws), or null for points
     * @param nfe evaluations of the augmented field per batch (all draws)
     * @param eps the start time of the flow
     */
    record Result(double[] logLikelihood, double[] bpd, int[] nfe, double eps, double wallSeconds) {}

    private LikelihoodRun() {}

    static Result run(Request r, Progress progress) {
        int n = r.data().count();
        int batches = (n + r.batchSize() - 1) / r.batchSize();
        double[] logLik = new double[n];
        double[] bpd = r.model().images() ? new double[n] : null;
        int[] nfe = new int[batches];
        try (NDManager manager = NDManager.newBaseManager()) {
            ProbabilityFlowLikelihood likelihood = new ProbabilityFlowLikelihood(r.model().open(manager, r.type()), r.solver(),
                    r.estimator().create(r.probes(), new Rng(r.seed())));
            DequantizedLikelihood dequantized = r.model().images() ? new DequantizedLikelihood(likelihood, r.scaling(), r.dequantDraws()) : null;
            long t0 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                int from = b * r.batchSize();
                int to = Math.min(n, from + r.batchSize());
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = r.data().batch(scope, from, to, r.type());
                    if (dequantized == null) {
                        ProbabilityFlowLikelihood.Result result = likelihood.logLikelihood(x);
                        System.arraycopy(result.values(), 0, logLik, from, to - from);
                        nfe[b] = result.nfe();
                    } else {
                        // Dequantization noise depends on (seed, batch) only, so a batch's draws never shift with the others.
                        DequantizedLikelihood.Result result = dequantized.evaluate(x, Rng.forStep(r.seed(), b));
                        System.arraycopy(result.logLikelihood(), 0, logLik, from, to - from);
                        System.arraycopy(result.bpd(), 0, bpd, from, to - from);
                        nfe[b] = result.nfe();
                    }
                }
                progress.update(to, n, "NFE " + nfe[b]);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            return new Result(logLik, bpd, nfe, likelihood.eps(), wall);
        }
    }
}
