package io.descent.opencl;

import io.descent.memory.IndexVector;

/** An index vector of the OpenCL backend: a range of the engine's {@link IndexHeap}. */
final class OpenClIndexVector extends IndexVector
{
    private final IndexHeap heap;
    private final int offset;

    OpenClIndexVector(final OpenClEngine engine, final IndexHeap heap, final int length)
    {
        super(engine, length);
        this.heap = heap;
        this.offset = heap.allocate(length);
    }

    int offset()
    {
        return offset;
    }

    @Override
    protected void writeInts(final int[] src)
    {
        heap.write(offset, src);
    }

    @Override
    protected void readInts(final int[] dst)
    {
        heap.read(offset, dst);
    }

    @Override
    protected void release()
    {
        heap.release(offset, length());
    }
}
