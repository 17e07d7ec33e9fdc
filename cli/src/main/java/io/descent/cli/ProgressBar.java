package io.descent.cli;

import io.descent.train.ProgressListener;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, redrawn at most every {@value #REDRAW_MS} ms. Only
 * drawn when the command runs in a terminal ({@code System.console() != null}); otherwise, in
 * a pipe, a file or a test, nothing is written.
 */
final class ProgressBar implements ProgressListener
{
    private static final long REDRAW_MS = 100;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private long lastDrawNs;
    private boolean drawn;

    private ProgressBar(final PrintWriter err)
    {
        this.err = err;
    }

    /** @return a bar on {@code err} in a terminal, else a listener that draws nothing. */
    static ProgressBar forTerminal(final PrintWriter err)
    {
        return new ProgressBar(System.console() != null ? err : null);
    }

    @Override
    public void onEpoch(final int epoch, final int epochs, final double loss)
    {
        if (err == null)
        {
            return;
        }
        final long nowNs = System.nanoTime();
        if (drawn && epoch < epochs && nowNs - lastDrawNs < REDRAW_MS * 1_000_000L)
        {
            return;
        }
        final int filled = (int)((long)WIDTH * epoch / epochs);
        err.printf("\r[%s%s] epoch %d/%d  loss %.6g ", "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            epoch, epochs, loss);
        err.flush();
        lastDrawNs = nowNs;
        drawn = true;
    }

    /** Clears the bar so that the next output starts on an empty line. */
    void finish()
    {
        if (err != null && drawn)
        {
            err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
            err.flush();
        }
    }
}
