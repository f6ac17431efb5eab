package io.github.scoresde.cli;

import io.github.scoresde.sample.StepEvent;
import io.github.scoresde.sample.StepListener;
import java.io.PrintWriter;

/**
 * Shows a sampler's progress: a bar with step, it/s and ETA redrawn in place on a terminal,
 * plain lines every 10% otherwise (logs, CI).
 */
final class Progress implements StepListener {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;

    Progress(PrintWriter err, String label) {
        this(err, label, System.console() != null);
    }

    Progress(PrintWriter err, String label, boolean terminal) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
    }

    @Override
    public void onStep(StepEvent e) {
        long now = System.nanoTime();
        double elapsed = (now - start) / 1e9;
        double rate = (e.index() + 1) / Math.max(elapsed, 1e-9);
        if (e.total() <= 0) {
            if (terminal && now - lastDraw > REDRAW_NANOS) {
                lastDraw = now;
                err.printf("\r%s step %d  t=%.4g  %.1f it/s   ", label, e.index() + 1, e.t(), rate);
                err.flush();
            }
            return;
        }
        int done = e.index() + 1;
        double fraction = done / (double) e.total();
        double eta = (e.total() - done) / rate;
        if (terminal) {
            if (now - lastDraw > REDRAW_NANOS || done == e.total()) {
                lastDraw = now;
                int filled = (int) Math.round(fraction * 30);
                err.printf("\r%s [%s%s] %3.0f%% %d/%d %.1f it/s ETA %.0fs   ", label, "#".repeat(filled),
                        " ".repeat(30 - filled), 100 * fraction, done, e.total(), rate, eta);
                err.flush();
            }
        } else {
            int decile = (int) Math.floor(fraction * 10);
            if (decile > lastDecile && decile > 0) {
                lastDecile = decile;
                err.printf("%s %d/%d steps (%.0f%%), %.1f it/s, ETA %.0fs%n", label, done, e.total(), 100 * fraction, rate, eta);
            }
        }
    }

    /** Ends the progress display. */
    void finish() {
        if (terminal) {
            err.println();
        }
    }
}
