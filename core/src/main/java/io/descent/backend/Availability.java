package io.descent.backend;

/**
 * What a backend's probe found: available with a description of the device it would use, or
 * unavailable with one readable reason.
 *
 * @param available whether the backend can run here.
 * @param detail    the device description when available, the reason when not; never null.
 */
public record Availability(boolean available, String detail)
{
    public Availability
    {
        detail = detail == null ? "" : detail;
    }

    public static Availability available(final String device)
    {
        return new Availability(true, device);
    }

    public static Availability unavailable(final String reason)
    {
        return new Availability(false, reason);
    }

    /** @return a one-line reason for any throwable: its type and its message, without a stack. */
    public static Availability unavailable(final String context, final Throwable cause)
    {
        return new Availability(false, context + ": " + describe(cause));
    }

    /** @return {@code "SimpleName: message"} for the throwable and its root cause. */
    public static String describe(final Throwable cause)
    {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root)
        {
            root = root.getCause();
        }
        final String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return root == cause
            ? text
            : text + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage()
                + ")";
    }
}
