package io.descent.conformance;

import io.descent.backend.BackendStatus;
import org.junit.jupiter.api.Assumptions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Decides what a test does when its backend cannot run here: skip with the probe's reason, or
 * fail when the system property {@value #PROPERTY} (a comma-separated list of backend names, as
 * CI passes with {@code -Ddescent.require=opencl}) says the backend must run.
 */
public final class Requirement
{
    public static final String PROPERTY = "descent.require";

    /** Backends whose skip reason has been printed once already. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private Requirement()
    {
    }

    /** @return the backend names that must be available. */
    public static Set<String> required()
    {
        final String text = System.getProperty(PROPERTY, "");
        return Arrays.stream(text.split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    }

    /**
     * Returns if {@code status} is available; otherwise fails when the backend is required and
     * aborts the test (a skip, with the reason printed) when it is not.
     */
    public static void assumeAvailable(final BackendStatus status)
    {
        if (status.available())
        {
            return;
        }
        final String reason =
            "backend '" + status.name() + "' is unavailable here: " + status.detail();
        if (required().contains(status.name()))
        {
            fail(reason + " (required by -D" + PROPERTY + ")");
        }
        if (REPORTED.add(status.name()))
        {
            System.out.println("skipped: " + reason);
        }
        Assumptions.abort(reason);
    }
}
