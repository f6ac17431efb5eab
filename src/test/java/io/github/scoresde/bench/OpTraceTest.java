package io.github.scoresde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpTraceTest {
    @TempDir
    Path tmp;

    /** In PyTorch's own layout: one complete event per block, blank lines between them. */
    private static String event(String name, String ph, int tid, double ts, double dur) {
        return String.format(Locale.ROOT, "{\n  \"name\": \"%s\",\n  \"ph\": \"%s\",\n  \"ts\": %f,\n  \"dur\": %f,\n"
                + "  \"tid\": %d,\n  \"pid\": \"CPU Functions\",\n  \"shape\": [],\n  \"cpu mem\": \"0 b\",\n  \"args\": {}\n}",
                name, ph, ts, dur, tid);
    }

    @Test
    void busyTimeIsTheUnionOfOpsOverAllThreads() throws IOException {
        String trace = "[\n\n" + String.join(",\n\n",
                // thread 1: matmul [0, 100] holds mm [10, 40] which holds empty [20, 30]; add [90, 150] overlaps matmul's end
                event("aten::matmul", "X", 1, 0, 100),
                event("aten::mm", "X", 1, 10, 30),
                event("aten::empty", "X", 1, 20, 10),
                event("aten::add_", "X", 1, 90, 60),
                event("aten::fill_", "X", 1, 200, 10),
                // thread 2 (autograd) bridges thread 1's gap [150, 200] and adds [300, 325.5] alone
                event("MmBackward0", "X", 2, 140, 65),
                event("aten::sum", "X", 2, 300, 25.5),
                // not complete events, and an empty op: no time
                event("marker", "i", 1, 400, 50),
                event("process_name", "M", 1, 500, 50),
                event("aten::view", "X", 2, 600, 0),
                "{\"name\": \"no duration\", \"ph\": \"X\", \"ts\": 700, \"tid\": 1}")
                + "]";
        Path file = Files.writeString(tmp.resolve("trace.json"), trace);
        // [0, 210] covered by threads 1 and 2 together, then [300, 325.5]; exact in binary floating point
        assertEquals(235.5, OpTrace.busyMicros(file), 0);
    }

    @Test
    void unionCountsRepeatedAndTouchingIntervalsOnce() {
        assertEquals(0, OpTrace.unionLength(List.of()), 0);
        assertEquals(5, OpTrace.unionLength(List.of(new double[] {1, 6}, new double[] {1, 6}, new double[] {2, 3})), 0);
        assertEquals(7, OpTrace.unionLength(List.of(new double[] {4, 8}, new double[] {1, 4})), 0);
    }

    @Test
    void refusesJsonThatIsNotAnEventArray() throws IOException {
        Path file = Files.writeString(tmp.resolve("trace.json"), "{\"traceEvents\": {}}");
        assertThrows(IOException.class, () -> OpTrace.busyMicros(file));
    }
}
