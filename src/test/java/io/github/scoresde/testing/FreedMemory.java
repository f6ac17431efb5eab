package io.github.scoresde.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Disturbs freed memory between a forward and a backward pass: collects garbage (so that closed
 * arrays' Java buffers are freed) and fills fresh native memory with 0xFF (NaN as floats). A
 * gradient that reads a tensor in freed Java memory then changes or becomes NaN.
 */
public final class FreedMemory {
    private FreedMemory() {}

    /** Disturbs freed memory; keep the returned buffers reachable until the backward pass is done. */
    public static List<ByteBuffer> poison() {
        System.gc();
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 << (i % 6));
            while (b.hasRemaining()) {
                b.put((byte) 0xFF);
            }
            buffers.add(b);
        }
        return buffers;
    }
}
