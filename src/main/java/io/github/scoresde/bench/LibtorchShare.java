package io.github.scoresde.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of some work's wall time libtorch spent in ops, measured with PyTorch's profiler through
 * DJL ({@link JniUtils#startProfile}); the rest is Java, DJL and JNI overhead.
 *
 * <p>The profiler records every op and slows the work, here by 1.3 to 4 times on training steps
 * (measured with {@code scoresde bench train}), mostly inside the op intervals; so time only
 * unprofiled work for speed, and read the split as a rough figure whose outside share errs low.
 *
 * @param wallMicros wall time of the work, measured in Java
 * @param opMicros time covered by at least one libtorch op ({@link OpTrace#busyMicros})
 */
public record LibtorchShare(double wallMicros, double opMicros) {
    /**
     * Runs {@code work} under the profiler. The profiler is stopped and its trace file deleted
     * even when the work throws, so a later measurement can start it again.
     */
    public static LibtorchShare measure(Runnable work) {
        Engine.getEngine("PyTorch");
        try {
            Path trace = Files.createTempFile("scoresde-profile", ".json");
            try {
                return measure(work, trace);
            } finally {
                Files.deleteIfExists(trace);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the profiler's trace: " + e.getMessage(), e);
        }
    }

    private static LibtorchShare measure(Runnable work, Path trace) throws IOException {
        long wallNanos;
        JniUtils.startProfile(false, false, false);
        try {
            long start = System.nanoTime();
            work.run();
            wallNanos = System.nanoTime() - start;
        } finally {
            JniUtils.stopProfile(trace.toString());
        }
        return new LibtorchShare(wallNanos / 1e3, OpTrace.busyMicros(trace));
    }

    /**
     * Fraction of the wall time spent outside libtorch ops, in [0, 1]. The trace's clock is not
     * Java's, so op time can exceed the wall time by a hair when there is almost no overhead.
     */
    public double outsideFraction() {
        return Math.max(0, 1 - opMicros / wallMicros);
    }
}
