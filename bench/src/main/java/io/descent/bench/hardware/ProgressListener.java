package io.descent.bench.hardware;

/**
 * Told about each measurement as {@link HardwareBench} finishes it, on the benchmark's thread;
 * it should return quickly, since the time it takes is not spent measuring.
 */
@FunctionalInterface
public interface ProgressListener
{
    /** A listener that ignores every report. */
    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);

    /**
     * @param completed measurements finished so far, including this one.
     * @param total     measurements planned.
     * @param backend   the backend measured.
     * @param task      what was measured, e.g. {@code momentum 2^20}.
     */
    record Progress(int completed, int total, String backend, String task)
    {
        /** @return completed / total, in [0, 1]. */
        public double fraction()
        {
            return total == 0 ? 1.0 : (double)completed / total;
        }
    }
}
