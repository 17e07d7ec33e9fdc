package io.descent.backend;

/** A backend was asked for by name and cannot run here; the message says why. */
public final class BackendUnavailableException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(final String message)
    {
        super(message);
    }

    public BackendUnavailableException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
