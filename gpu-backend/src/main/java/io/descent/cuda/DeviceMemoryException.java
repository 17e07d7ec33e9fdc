package io.descent.cuda;

/**
 * Device memory ran out. Thrown before anything the caller owns was changed: the vectors that
 * existed before the failed allocation keep their contents and stay usable.
 */
public final class DeviceMemoryException extends CudaFailureException
{
    private static final long serialVersionUID = 1L;

    private final long requestedBytes;
    private final long freeBytes;

    public DeviceMemoryException(
        final String what, final long requestedBytes, final long freeBytes, final long totalBytes,
        final int result)
    {
        super("device memory exhausted: " + what + " asked for " + requestedBytes + " bytes, "
            + freeBytes + " of " + totalBytes + " bytes free", result);
        this.requestedBytes = requestedBytes;
        this.freeBytes = freeBytes;
    }

    public long requestedBytes()
    {
        return requestedBytes;
    }

    public long freeBytes()
    {
        return freeBytes;
    }
}
