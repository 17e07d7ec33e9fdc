package io.descent.cli;

/** A mistake in what the user asked for; the command prints the message and exits with 2. */
final class UsageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    UsageException(final String message)
    {
        super(message);
    }
}
