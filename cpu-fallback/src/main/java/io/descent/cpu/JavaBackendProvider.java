package io.descent.cpu;

import io.descent.backend.Availability;
import io.descent.backend.BackendEngine;
import io.descent.backend.BackendProvider;
import io.descent.backend.BackendUnavailableException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Provides the pure-Java backend, {@code java}: available on every machine, lowest priority.
 * The system property {@value #THREADS_PROPERTY} sets its thread count (default: the number of
 * available processors); results are the same for any count.
 */
public final class JavaBackendProvider implements BackendProvider
{
    public static final String NAME = "java";
    public static final String THREADS_PROPERTY = "descent.java.threads";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public int priority()
    {
        return 0;
    }

    @Override
    public Availability probe()
    {
        try
        {
            final int threads = threads();
            return Availability.available(describe(threads));
        }
        catch (final IllegalArgumentException e)
        {
            return Availability.unavailable(e.getMessage());
        }
    }

    @Override
    public BackendEngine open()
    {
        try
        {
            final int threads = threads();
            return new JavaEngine(threads, describe(threads));
        }
        catch (final IllegalArgumentException e)
        {
            throw new BackendUnavailableException(e.getMessage(), e);
        }
    }

    /** Opens an engine with an explicit thread count, e.g. to compare thread counts in tests. */
    public static BackendEngine open(final int threads)
    {
        return new JavaEngine(threads, describe(threads));
    }

    private static int threads()
    {
        final String text = System.getProperty(THREADS_PROPERTY);
        if (text == null || text.isBlank())
        {
            return Runtime.getRuntime().availableProcessors();
        }
        try
        {
            final int threads = Integer.parseInt(text.trim());
            if (threads >= 1)
            {
                return threads;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below with the value
        }
        throw new IllegalArgumentException(THREADS_PROPERTY + " must be an integer >= 1: " + text);
    }

    private static String describe(final int threads)
    {
        return "Java " + Runtime.version().feature() + ", " + threads
            + (threads == 1 ? " thread" : " threads") + " on " + cpuModel();
    }

    /**
     * @return the CPU model from /proc/cpuinfo, or the OS architecture where that is not
     *         readable.
     */
    static String cpuModel()
    {
        final Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo))
        {
            try (Stream<String> lines = Files.lines(cpuinfo))
            {
                final String model = lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
                if (model != null)
                {
                    return model;
                }
            }
            catch (final IOException | RuntimeException e)
            {
                // fall through to the architecture
            }
        }
        return System.getProperty("os.arch");
    }
}
