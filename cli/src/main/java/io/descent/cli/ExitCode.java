package io.descent.cli;

/** The exit statuses of the {@code descent} command. */
final class ExitCode
{
    /** The job ran and succeeded. */
    static final int OK = 0;

    /** The job ran and failed: training diverged, or a backend disagreed with the reference. */
    static final int FAILED = 1;

    /**
     * The user asked for something impossible: a bad option, a bad data file, an unavailable
     * backend.
     */
    static final int USAGE = 2;

    private ExitCode()
    {
    }
}
