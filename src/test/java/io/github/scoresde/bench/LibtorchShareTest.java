package io.github.scoresde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class LibtorchShareTest {
    @Test
    void opsShowUpAsInsideTimeAndJavaAloneAsOutside() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.ones(new Shape(256, 256));
            LibtorchShare share = LibtorchShare.measure(() -> {
                for (int i = 0; i < 20; i++) {
                    a.matMul(a).close();
                }
            });
            assertTrue(share.opMicros() > 0, share.toString());
            assertTrue(share.outsideFraction() >= 0 && share.outsideFraction() < 1, share.toString());
        }
        // Pure Java work runs no op, so the trace is empty of ops: all of it is outside.
        LibtorchShare java = LibtorchShare.measure(() -> Math.sqrt(Math.random()));
        assertEquals(0, java.opMicros(), 0);
        assertEquals(1, java.outsideFraction(), 0);
    }

    @Test
    void theProfilerIsStoppedWhenTheWorkThrows() {
        assertThrows(IllegalStateException.class, () -> LibtorchShare.measure(() -> {
            throw new IllegalStateException("boom");
        }));
        // DJL refuses to start a profiler that is still running, so this fails if the first one leaked.
        assertEquals(0, LibtorchShare.measure(() -> {}).opMicros(), 0);
    }
}
