package io.github.scoresde.cli;

import io.github.scoresde.likelihood.Divergence;
import io.github.scoresde.likelihood.ExactDivergence;
import io.github.scoresde.likelihood.HutchinsonDivergence;
import io.github.scoresde.likelihood.ProbeDistribution;
import io.github.scoresde.tensor.Rng;

/** How {@code likelihood} computes the divergence of the probability-flow drift (SPEC §5). */
enum EstimatorChoice {
    /** The exact trace: D vector-Jacobian products per evaluation. */
    EXACT("exact"),
    /** Hutchinson's estimate with Rademacher probes. */
    RADEMACHER("rademacher"),
    /** Hutchinson's estimate with Gaussian probes. */
    GAUSSIAN("gaussian");

    private final String cliName;

    EstimatorChoice(String cliName) {
        this.cliName = cliName;
    }

    /** Exact up to {@link ExactDivergence#DEFAULT_MAX_DIM} dimensions, Rademacher probes beyond. */
    static EstimatorChoice defaultFor(long dim) {
        return dim <= ExactDivergence.DEFAULT_MAX_DIM ? EXACT : RADEMACHER;
    }

    /** The divergence; {@code probes} and {@code rng} serve only Hutchinson's estimators. */
    Divergence create(int probes, Rng rng) {
        return switch (this) {
            case EXACT -> new ExactDivergence();
            case RADEMACHER -> new HutchinsonDivergence(ProbeDistribution.RADEMACHER, probes, rng);
            case GAUSSIAN -> new HutchinsonDivergence(ProbeDistribution.GAUSSIAN, probes, rng);
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
