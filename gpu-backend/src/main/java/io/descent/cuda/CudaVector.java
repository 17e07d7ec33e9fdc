package io.descent.cuda;

import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * A vector in device memory. Addresses are byte offsets in {@code long}, so a vector may hold
 * more than 2^31 elements; host transfers move at most {@link #PIECE_ELEMENTS} elements per
 * driver call, and a vector that long is filled by several {@code write(index, ...)} calls from
 * Java arrays. A zero-length vector holds no device memory.
 */
final class CudaVector extends DeviceVector
{
    /** Elements per host-to-device or device-to-host copy call. */
    static final int PIECE_ELEMENTS = 1 << 24;

    private final CudaEngine engine;
    private final CUdeviceptr pointer;

    CudaVector(
        final CudaEngine engine, final Precision precision, final long length,
        final CUdeviceptr pointer)
    {
        super(engine, precision, length);
        this.engine = engine;
        this.pointer = pointer;
    }

    /** @return the device address of element 0. */
    CUdeviceptr pointer()
    {
        return pointer;
    }

    /** @return the device address of element {@code index}. */
    CUdeviceptr at(final long index)
    {
        return index == 0 ? pointer : pointer.withByteOffset(index * precision().sizeBytes());
    }

    @Override
    protected void writeF32(
        final long index, final float[] src, final int srcIndex, final int count)
    {
        toDevice(index, Pointer.to(src), srcIndex, count);
    }

    @Override
    protected void writeF64(
        final long index, final double[] src, final int srcIndex, final int count)
    {
        toDevice(index, Pointer.to(src), srcIndex, count);
    }

    @Override
    protected void readF32(final long index, final float[] dst, final int dstIndex, final int count)
    {
        toHost(index, Pointer.to(dst), dstIndex, count);
    }

    @Override
    protected void readF64(
        final long index, final double[] dst, final int dstIndex, final int count)
    {
        toHost(index, Pointer.to(dst), dstIndex, count);
    }

    @Override
    protected void copyFromDevice(final DeviceVector src)
    {
        engine.copy(this, (CudaVector)src);
    }

    @Override
    protected void fillValue(final double value)
    {
        engine.fill(this, value);
    }

    @Override
    protected void release()
    {
        engine.free(this);
    }

    private void toDevice(
        final long index, final Pointer host, final int hostIndex, final int count)
    {
        final int size = precision().sizeBytes();
        engine.synchronize();
        for (int done = 0; done < count; done += PIECE_ELEMENTS)
        {
            final int piece = Math.min(PIECE_ELEMENTS, count - done);
            final CUdeviceptr dst = at(index + done);
            final Pointer src = host.withByteOffset((long)(hostIndex + done) * size);
            Cu.check("cuMemcpyHtoD of " + piece + " elements",
                () -> JCudaDriver.cuMemcpyHtoD(dst, src, (long)piece * size));
        }
    }

    private void toHost(final long index, final Pointer host, final int hostIndex, final int count)
    {
        final int size = precision().sizeBytes();
        engine.synchronize();
        for (int done = 0; done < count; done += PIECE_ELEMENTS)
        {
            final int piece = Math.min(PIECE_ELEMENTS, count - done);
            final CUdeviceptr src = at(index + done);
            final Pointer dst = host.withByteOffset((long)(hostIndex + done) * size);
            Cu.check("cuMemcpyDtoH of " + piece + " elements",
                () -> JCudaDriver.cuMemcpyDtoH(dst, src, (long)piece * size));
        }
    }
}
