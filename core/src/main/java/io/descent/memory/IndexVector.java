package io.descent.memory;

import io.descent.backend.BackendEngine;

import java.util.Objects;

/**
 * A vector of {@code int} row indices on a backend, used to name the rows of a mini-batch
 * without copying them out of the data matrix. Typically a whole epoch's shuffled permutation is
 * written once and each batch is a range of it.
 */
public abstract class IndexVector implements AutoCloseable
{
    private final BackendEngine engine;
    private final int length;
    private boolean closed;
    private int minValue;
    private int maxValue;

    protected IndexVector(final BackendEngine engine, final int length)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("length must be >= 0: length=" + length);
        }
        this.engine = Objects.requireNonNull(engine, "engine");
        this.length = length;
    }

    public final BackendEngine engine()
    {
        return engine;
    }

    public final int length()
    {
        return length;
    }

    public final boolean isClosed()
    {
        return closed;
    }

    /** @throws IllegalStateException if closed. */
    public final void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(
                "index vector is closed: int[" + length + "] on " + engine.name());
        }
    }

    /** Replaces the contents with {@code src}, whose length must equal {@link #length()}. */
    public final void write(final int[] src)
    {
        checkOpen();
        if (src.length != length)
        {
            throw new IllegalArgumentException(
                "array length must equal vector length: array=" + src.length
                + ", vector=" + length);
        }
        int min = 0;
        int max = 0;
        for (int i = 0; i < src.length; i++)
        {
            min = i == 0 ? src[i] : Math.min(min, src[i]);
            max = i == 0 ? src[i] : Math.max(max, src[i]);
        }

        writeInts(src);
        minValue = min;
        maxValue = max;
    }

    /** @return the smallest index written (0 when empty or never written), for range checks. */
    public final int minValue()
    {
        return minValue;
    }

    /** @return the largest index written (0 when empty or never written), for range checks. */
    public final int maxValue()
    {
        return maxValue;
    }

    /** @return a host copy. */
    public final int[] toIntArray()
    {
        checkOpen();
        final int[] dst = new int[length];
        readInts(dst);
        return dst;
    }

    @Override
    public final void close()
    {
        if (!closed)
        {
            closed = true;
            release();
        }
    }

    protected abstract void writeInts(int[] src);

    protected abstract void readInts(int[] dst);

    protected abstract void release();
}
