package io.github.scoresde.cli;

import picocli.CommandLine.Option;

/** Options every command takes: engine threads and verbosity. */
public final class RunOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch intra-op threads (default: all cores; benchmarks default to 1).")
    Integer threads;

    @Option(names = "--verbose", description = "Print stack traces for errors.")
    boolean verbose;

    /**
     * Sets the engine's thread counts; must run before the first tensor is made.
     *
     * @param fallback threads when --threads is not given
     */
    void applyThreads(int fallback) {
        int n = threads == null ? fallback : threads;
        if (n < 1) {
            throw new io.github.scoresde.UserInputException("--threads must be >= 1, got " + n);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
    }

    /** Sets the engine threads, defaulting to all cores. */
    void applyThreads() {
        applyThreads(Runtime.getRuntime().availableProcessors());
    }
}
