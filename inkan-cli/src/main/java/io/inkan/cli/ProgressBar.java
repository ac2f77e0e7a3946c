package io.inkan.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar for {@code inkan sign} on many files, redrawn in place on standard error. It
 * is drawn only when the CLI runs on a terminal ({@link System#console()} exists): in pipes, CI logs and
 * tests a bar of carriage returns would only be noise.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final int files;
    private final long bytes;
    private int doneFiles;
    private long doneBytes;
    private long lastDrawn;

    private ProgressBar(PrintWriter err, int files, long bytes) {
        this.err = err;
        this.files = files;
        this.bytes = bytes;
    }

    /** A bar on {@code err} if the process has a terminal, otherwise one that draws nothing. */
    static ProgressBar forTerminal(PrintWriter err, int files, long bytes) {
        return new ProgressBar(System.console() != null ? err : null, files, bytes);
    }

    /** One more file is done (signed or failed). */
    synchronized void advance(long fileBytes) {
        doneFiles++;
        doneBytes += fileBytes;
        long now = System.nanoTime();
        if (err != null && (doneFiles == files || now - lastDrawn >= REDRAW_NANOS)) {
            lastDrawn = now;
            int filled = files == 0 ? WIDTH : (int) ((long) WIDTH * doneFiles / files);
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d files, %s/%s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                    doneFiles, files, Sizes.human(doneBytes), Sizes.human(bytes));
            err.flush();
        }
    }

    /** Ends the bar's line so that later output starts on a fresh one. */
    synchronized void finish() {
        if (err != null) {
            err.println();
            err.flush();
        }
    }
}
