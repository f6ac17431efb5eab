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
    private long first;

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
        update(e.index() + 1, e.total(), e.total() <= 0 ? String.format("t=%.4g", e.t()) : "");
    }

    /**
     * Reports {@code done} of {@code total} steps (total <= 0: unknown) with a detail such as the
     * current loss.
     */
    void update(long done, long total, String detail) {
        long now = System.nanoTime();
        double rate = (done - first) / Math.max((now - start) / 1e9, 1e-9);
        if (total <= 0) {
            if (terminal && now - lastDraw > REDRAW_NANOS) {
                lastDraw = now;
                err.printf("\r%s step %d  %s  %.1f it/s   ", label, done, detail, rate);
                err.flush();
            }
            return;
        }
        double fraction = done / (double) total;
        double eta = (total - done) / Math.max(rate, 1e-9);
        if (terminal) {
            if (now - lastDraw > REDRAW_NANOS || done == total) {
                lastDraw = now;
                int filled = (int) Math.round(fraction * 30);
                err.printf("\r%s [%s%s] %3.0f%% %d/%d %s %.1f it/s ETA %.0fs   ", label, "#".repeat(filled),
                        " ".repeat(30 - filled), 100 * fraction, done, total, detail, rate, eta);
                err.flush();
            }
        } else {
            int decile = (int) Math.floor(fraction * 10);
            if (decile > lastDecile && decile > 0) {
                lastDecile = decile;
                err.printf("%s %d/%d steps (%.0f%%) %s %.1f it/s, ETA %.0fs%n", label, done, total, 100 * fraction,
                        detail, rate, eta);
            }
        }
    }

    /** Counts rates from step {@code done} on (after a resume). */
    Progress from(long done) {
        this.first = done;
        return this;
    }

    /** Ends the progress display. */
    void finish() {
        if (terminal) {
            err.println();
        }
    }
}
