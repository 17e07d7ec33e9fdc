package io.descent.cuda;

import io.descent.memory.IndexVector;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/** Row indices in device memory, as 32-bit ints; a zero-length vector holds no memory. */
final class CudaIndexVector extends IndexVector
{
    private final CudaEngine engine;
    private final CUdeviceptr pointer;

    CudaIndexVector(final CudaEngine engine, final int length, final CUdeviceptr pointer)
    {
        super(engine, length);
        this.engine = engine;
        this.pointer = pointer;
    }

    /** @return the device address of element 0. */
    CUdeviceptr pointer()
    {
        return pointer;
    }

    private static long bytes(final int count)
    {
        return (long)count * Sizeof.INT;
    }

    @Override
    protected void writeInts(final int[] src)
    {
        if (src.length > 0)
        {
            engine.synchronize();
            Cu.check("cuMemcpyHtoD of row indices",
                () -> JCudaDriver.cuMemcpyHtoD(pointer, Pointer.to(src), bytes(src.length)));
        }
    }

    @Override
    protected void readInts(final int[] dst)
    {
        if (dst.length > 0)
        {
            engine.synchronize();
            Cu.check("cuMemcpyDtoH of row indices",
                () -> JCudaDriver.cuMemcpyDtoH(Pointer.to(dst), pointer, bytes(dst.length)));
        }
    }

    @Override
    protected void release()
    {
        engine.free(pointer, this, bytes(length()));
    }
}
