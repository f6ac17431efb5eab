package io.github.scoresde.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The time libtorch spent in ops, read from the Chrome trace that PyTorch's profiler writes
 * ({@code JniUtils.stopProfile}): a JSON array of complete events ({@code "ph": "X"}) with start
 * {@code ts} and duration {@code dur} in microseconds.
 *
 * <p>Ops nest (aten::matmul contains aten::mm) and so overlap; the busy time is the length of the
 * union of all op intervals, so each instant counts once. The union is taken over all threads
 * together: a DJL call blocks the Java thread until libtorch returns, so work on any libtorch
 * thread (autograd, inter-op) is time the step spends inside libtorch, and with one intra-op
 * thread the threads do not run ops side by side.
 */
public final class OpTrace {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpTrace() {}

    /** Microseconds covered by at least one op of the trace file, over all threads. */
    public static double busyMicros(Path trace) throws IOException {
        JsonNode events = JSON.readTree(trace.toFile());
        if (!events.isArray()) {
            throw new IOException(trace + " is not a Chrome trace (a JSON array of events)");
        }
        List<double[]> intervals = new ArrayList<>();
        for (JsonNode event : events) {
            if ("X".equals(event.path("ph").asText()) && event.has("ts") && event.has("dur")) {
                double start = event.get("ts").asDouble();
                intervals.add(new double[] {start, start + event.get("dur").asDouble()});
            }
        }
        return unionLength(intervals);
    }

    /** Length of the union of intervals {start, end}: overlapping and nested ones count once. */
    static double unionLength(List<double[]> intervals) {
        List<double[]> byStart = new ArrayList<>(intervals);
        byStart.sort(Comparator.comparingDouble(i -> i[0]));
        double total = 0;
        double coveredUntil = Double.NEGATIVE_INFINITY;
        for (double[] interval : byStart) {
            // Earlier intervals start no later, so only the part past coveredUntil is new.
            double from = Math.max(interval[0], coveredUntil);
            if (interval[1] > from) {
                total += interval[1] - from;
                coveredUntil = interval[1];
            }
        }
        return total;
    }
}
