package io.descent.opencl;

import io.descent.memory.DeviceVector;

/**
 * A vector of the OpenCL backend: the range {@code [offset, offset + length)} of its precision's
 * device heap. It holds no host copy; {@code write} and {@code read} move data through the
 * kernel's staging window, and {@link #copyFrom} and {@link #fill} run on the device.
 *
 * <p>At most {@code Integer.MAX_VALUE - 8} elements, and less where the device's largest
 * buffer is smaller: the heap is one Java array, see {@link OpenClEngine#maxLength()}.
 */
final class OpenClVector extends DeviceVector
{
    private final PrecisionPool pool;
    private final int offset;

    OpenClVector(final OpenClEngine engine, final PrecisionPool pool, final int length)
    {
        super(engine, pool.precision(), length);
        this.pool = pool;
        this.offset = pool.allocate(length);
    }

    /** @return the first element's position in the heap. */
    int offset()
    {
        return offset;
    }

    /** @return the length as an int (the heap is a Java array, so it always fits). */
    int size()
    {
        return (int)length();
    }

    @Override
    protected void writeF32(
        final long index, final float[] src, final int srcIndex, final int count)
    {
        pool.write(offset + (int)index, src, srcIndex, count);
    }

    @Override
    protected void writeF64(
        final long index, final double[] src, final int srcIndex, final int count)
    {
        pool.write(offset + (int)index, src, srcIndex, count);
    }

    @Override
    protected void readF32(final long index, final float[] dst, final int dstIndex, final int count)
    {
        pool.read(offset + (int)index, dst, dstIndex, count);
    }

    @Override
    protected void readF64(
        final long index, final double[] dst, final int dstIndex, final int count)
    {
        pool.read(offset + (int)index, dst, dstIndex, count);
    }

    @Override
    protected void copyFromDevice(final DeviceVector src)
    {
        pool.copy(offset, ((OpenClVector)src).offset, size());
    }

    @Override
    protected void fillValue(final double value)
    {
        pool.fill(offset, size(), value);
    }

    @Override
    protected void release()
    {
        pool.release(offset, size());
    }

    /** @return the heap this vector lives in. */
    PrecisionPool pool()
    {
        return pool;
    }
}
