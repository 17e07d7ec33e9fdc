package io.descent.backend;

/**
 * The service interface a backend module registers under
 * {@code META-INF/services/io.descent.backend.BackendProvider}.
 *
 * <p>{@link #probe()} decides whether the backend can run on this machine. It should catch what
 * it can and answer {@link Availability#unavailable(String)} with one readable reason; the
 * registry also catches any {@link Throwable} that escapes it (an {@link UnsatisfiedLinkError}
 * from a missing native library, a {@link NoClassDefFoundError} after a failed static
 * initialiser), so no failure reaches the caller as an exception.
 */
public interface BackendProvider
{
    /** @return short lower-case name used to select the backend. */
    String name();

    /** @return preference when no backend is named: larger wins. */
    int priority();

    /** @return whether the backend can run here, and the device or the reason. */
    Availability probe();

    /**
     * Opens the backend. Called only after a successful probe.
     *
     * @throws BackendUnavailableException if it cannot be opened after all.
     */
    BackendEngine open();
}
