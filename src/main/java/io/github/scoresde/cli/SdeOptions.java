package io.github.scoresde.cli;

import picocli.CommandLine.Option;

/** SDE parameters on the command line; unset ones take the family's defaults. */
public final class SdeOptions {
    @Option(names = "--sigma-min", paramLabel = "S", description = "ve/edm: smallest noise level (ve 0.01, edm 0.002).")
    Double sigmaMin;

    @Option(names = "--sigma-max", paramLabel = "S",
            description = "ve/edm: largest noise level, about the largest distance between data points (ve 50, edm 80).")
    Double sigmaMax;

    @Option(names = "--beta-min", paramLabel = "B", description = "vp/subvp: beta(0) (default 0.1).")
    Double betaMin;

    @Option(names = "--beta-max", paramLabel = "B", description = "vp/subvp: beta(1) (default 20).")
    Double betaMax;
}
