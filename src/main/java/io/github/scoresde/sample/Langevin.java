package io.github.scoresde.sample;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sde.Discretization;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;

/**
 * Langevin corrector with a signal-to-noise step rule (Song et al. 2021, Algorithms 4-5):
 * e = 2 alpha (r ||z|| / ||score||)^2, x = x + e score + sqrt(2 e) z, so that
 * ||e score|| / ||sqrt(2 e) z|| = r; alpha is the chain's {@link Discretization#langevinAlpha}.
 */
public final class Langevin implements Corrector {
    /** How the norms in the step rule are taken. */
    public enum Norm {
        /**
         * Norms averaged over the batch, one step size for all samples (the reference code). The
         * default: in low dimension the per-sample ratio ||z|| / ||score|| is heavy-tailed (the
         * score vanishes at every mode's centre), which gives rare huge jumps.
         */
        BATCH,
        /** One step size per sample, as the paper's per-sample algorithm reads. */
        SAMPLE;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final double snr;
    private final Norm norm;

    /**
     * @param snr the target signal-to-noise ratio r (> 0; 0.16 for VE on images, tune otherwise)
     * @param norm how norms are taken
     */
    public Langevin(double snr, Norm norm) {
        if (!(snr > 0) || Double.isInfinite(snr)) {
            throw new IllegalArgumentException("snr must be > 0, got " + snr);
        }
        this.snr = snr;
        this.norm = norm;
    }

    @Override
    public Step correct(ScoreModel model, NDArray x, double t, Discretization chain, Rng rng) {
        NDArray score = model.score(x, Times.like(x, t));
        NDArray z = rng.normal(x.getManager(), x.getShape(), x.getDataType());
        NDArray zNorm = Shapes.squaredNorms(z).sqrt();
        NDArray scoreNorm = Shapes.squaredNorms(score).sqrt();
        NDArray ratio = norm == Norm.BATCH
                ? zNorm.mean().div(scoreNorm.mean().maximum(Float.MIN_NORMAL))
                : Shapes.perSample(zNorm.div(scoreNorm.maximum(Float.MIN_NORMAL)), x);
        NDArray stepSize = ratio.square().muli(2 * chain.langevinAlpha(t) * snr * snr);
        NDArray mean = score.mul(stepSize).addi(x);
        return new Step(z.mul(stepSize.mul(2).sqrt()).addi(mean), mean);
    }

    @Override
    public String toString() {
        return "langevin(snr=" + snr + ", norm=" + norm + ")";
    }
}
