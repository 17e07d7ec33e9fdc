package io.descent.memory;

import io.descent.backend.BackendEngine;

import java.util.Objects;

/**
 * A one-dimensional array of {@link Precision#F32} or {@link Precision#F64} elements that lives
 * on a backend (host memory for the Java backend, device memory for CUDA and OpenCL).
 *
 * <p>Data moves between the host and the backend only through the {@code write}, {@code read}
 * and {@code to...Array} methods; kernels never copy. Every public method checks its arguments
 * and the open state before it touches anything, so a rejected call changes nothing.
 *
 * <p>Backends extend this class and implement the protected transfer methods; the checks here
 * are shared by all of them. A vector is not safe for concurrent use by several threads.
 */
public abstract class DeviceVector implements AutoCloseable
{
    private final BackendEngine engine;
    private final Precision precision;
    private final long length;
    private boolean closed;

    /**
     * @param engine    the backend engine that allocated this vector.
     * @param precision the element format.
     * @param length    number of elements, {@code >= 0}.
     */
    protected DeviceVector(final BackendEngine engine, final Precision precision, final long length)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("length must be >= 0: length=" + length);
        }
        this.engine = Objects.requireNonNull(engine, "engine");
        this.precision = Objects.requireNonNull(precision, "precision");
        this.length = length;
    }

    /** @return the engine that owns this vector; kernels accept only vectors of their own. */
    public final BackendEngine engine()
    {
        return engine;
    }

    public final Precision precision()
    {
        return precision;
    }

    /** @return number of elements. */
    public final long length()
    {
        return length;
    }

    /** @return {@code length * precision.sizeBytes()}. */
    public final long sizeBytes()
    {
        return length * precision.sizeBytes();
    }

    public final boolean isClosed()
    {
        return closed;
    }

    /**
     * Throws unless this vector is open.
     *
     * @throws IllegalStateException if {@link #close()} has been called.
     */
    public final void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(
                "vector is closed: " + precision + "[" + length + "] on " + engine.name());
        }
    }

    /** Copies {@code src} into elements {@code [index, index + count)}. Reads {@code src}. */
    public final void write(
        final long index, final float[] src, final int srcIndex, final int count)
    {
        checkTransfer(Precision.F32, index, src.length, srcIndex, count);
        writeF32(index, src, srcIndex, count);
    }

    /** Copies {@code src} into elements {@code [index, index + count)}. Reads {@code src}. */
    public final void write(
        final long index, final double[] src, final int srcIndex, final int count)
    {
        checkTransfer(Precision.F64, index, src.length, srcIndex, count);
        writeF64(index, src, srcIndex, count);
    }

    /** Replaces the whole vector with {@code src}, whose length must equal {@link #length()}. */
    public final void write(final float[] src)
    {
        checkWhole(src.length);
        write(0, src, 0, src.length);
    }

    /** Replaces the whole vector with {@code src}, whose length must equal {@link #length()}. */
    public final void write(final double[] src)
    {
        checkWhole(src.length);
        write(0, src, 0, src.length);
    }

    /**
     * Replaces the whole vector with {@code values} rounded to this vector's precision (to
     * nearest for F32, exact for F64); {@code values.length} must equal {@link #length()}.
     */
    public final void writeRounded(final double[] values)
    {
        checkWhole(values.length);
        if (precision == Precision.F64)
        {
            write(values);
            return;
        }
        final float[] narrowed = new float[values.length];
        for (int i = 0; i < values.length; i++)
        {
            narrowed[i] = (float)values[i];
        }
        write(narrowed);
    }

    /** Copies elements {@code [index, index + count)} into {@code dst}. Writes {@code dst}. */
    public final void read(final long index, final float[] dst, final int dstIndex, final int count)
    {
        checkTransfer(Precision.F32, index, dst.length, dstIndex, count);
        readF32(index, dst, dstIndex, count);
    }

    /** Copies elements {@code [index, index + count)} into {@code dst}. Writes {@code dst}. */
    public final void read(
        final long index, final double[] dst, final int dstIndex, final int count)
    {
        checkTransfer(Precision.F64, index, dst.length, dstIndex, count);
        readF64(index, dst, dstIndex, count);
    }

    /** @return a host copy of an F32 vector. */
    public final float[] toFloatArray()
    {
        final float[] dst = new float[hostLength()];
        read(0, dst, 0, dst.length);
        return dst;
    }

    /** @return a host copy, widened to {@code double} when this vector is F32 (exactly). */
    public final double[] toDoubleArray()
    {
        checkOpen();
        final int n = hostLength();
        final double[] dst = new double[n];
        if (precision == Precision.F64)
        {
            readF64(0, dst, 0, n);
        }
        else
        {
            final float[] tmp = new float[n];
            readF32(0, tmp, 0, n);
            for (int i = 0; i < n; i++)
            {
                dst[i] = tmp[i];
            }
        }
        return dst;
    }

    /**
     * Copies another vector of the same engine, precision and length into this one, on the
     * backend (no host round trip). {@code src} must not be this vector.
     */
    public final void copyFrom(final DeviceVector src)
    {
        checkOpen();
        src.checkOpen();
        if (src == this)
        {
            throw new IllegalArgumentException("copy source and destination must differ");
        }
        if (src.engine != engine || src.precision != precision || src.length != length)
        {
            throw new IllegalArgumentException("copy needs the same backend, precision and length: "
                + describe(src) + " -> " + describe(this));
        }
        copyFromDevice(src);
    }

    /**
     * Sets every element to {@code value}, rounded to this vector's precision. A finite value
     * beyond the F32 range is rejected rather than stored as infinity.
     */
    public final void fill(final double value)
    {
        checkOpen();
        if (precision == Precision.F32 && Double.isFinite(value) && Float.isInfinite((float)value))
        {
            throw new IllegalArgumentException("value out of F32 range: " + value);
        }
        fillValue(value);
    }

    /** Frees the backend memory. Idempotent; later use throws {@link IllegalStateException}. */
    @Override
    public final void close()
    {
        if (!closed)
        {
            closed = true;
            release();
        }
    }

    @Override
    public String toString()
    {
        return describe(this);
    }

    /** @return a short description such as {@code F32[1024] on java}. */
    public static String describe(final DeviceVector v)
    {
        return v.precision + "[" + v.length + "] on " + v.engine.name()
            + (v.closed ? " (closed)" : "");
    }

    protected abstract void writeF32(long index, float[] src, int srcIndex, int count);

    protected abstract void writeF64(long index, double[] src, int srcIndex, int count);

    protected abstract void readF32(long index, float[] dst, int dstIndex, int count);

    protected abstract void readF64(long index, double[] dst, int dstIndex, int count);

    /** Device-side copy; arguments already checked. */
    protected abstract void copyFromDevice(DeviceVector src);

    protected abstract void fillValue(double value);

    /** Frees backend memory; called once. */
    protected abstract void release();

    private int hostLength()
    {
        checkOpen();
        if (length > Integer.MAX_VALUE - 8)
        {
            throw new IllegalStateException(
                "vector too long for one Java array: length=" + length
                + ", max=" + (Integer.MAX_VALUE - 8));
        }
        return (int)length;
    }

    private void checkWhole(final int hostLength)
    {
        if (hostLength != length)
        {
            throw new IllegalArgumentException(
                "array length must equal vector length: array=" + hostLength
                + ", vector=" + length);
        }
    }

    private void checkTransfer(
        final Precision expected,
        final long index,
        final int arrayLength,
        final int arrayIndex,
        final int count)
    {
        checkOpen();
        if (precision != expected)
        {
            throw new IllegalArgumentException("array type must match vector precision: vector is "
                + precision + ", array is " + expected);
        }
        if (count < 0 || arrayIndex < 0 || arrayIndex > arrayLength - count)
        {
            throw new IndexOutOfBoundsException("array range out of bounds: index=" + arrayIndex
                + ", count=" + count + ", array length=" + arrayLength);
        }
        if (index < 0 || index > length - count)
        {
            throw new IndexOutOfBoundsException("vector range out of bounds: index=" + index
                + ", count=" + count + ", vector length=" + length);
        }
    }
}
