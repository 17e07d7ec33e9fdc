package io.descent.backend;

/**
 * One row of the backend listing.
 *
 * @param name      short name: {@code cuda}, {@code opencl}, {@code java}.
 * @param priority  larger is preferred when no backend is named.
 * @param available whether it can run on this machine.
 * @param detail    the device it would use when available, the reason when not.
 */
public record BackendStatus(String name, int priority, boolean available, String detail)
{
}
