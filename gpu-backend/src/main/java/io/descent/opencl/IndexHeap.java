package io.descent.opencl;

import java.util.Arrays;
import java.util.List;

/**
 * The index vectors of one engine, as ranges of one {@code int} array bound to every heap kernel.
 * Kernels only read indices, so the host array stays a current mirror of the device copies:
 * writing an index vector updates the mirror and sends the whole array to each kernel's device
 * buffer (index vectors are small next to the data, and written once per epoch), and reading one
 * copies from the mirror.
 */
final class IndexHeap
{
    private final List<HeapKernel> kernels;
    private final HeapAllocator allocator = new HeapAllocator(0);
    private int[] mirror = new int[1];

    IndexHeap(final List<HeapKernel> kernels)
    {
        this.kernels = kernels;
    }

    /** @return the offset of {@code length} zeros. */
    int allocate(final int length)
    {
        if (length == 0)
        {
            return 0;
        }
        int offset = allocator.allocate(length);
        if (offset < 0)
        {
            final int capacity = allocator.capacity();
            final long wanted = Math.max((long)capacity + length, 2L * capacity);
            if (wanted > Integer.MAX_VALUE - 8)
            {
                throw new IllegalStateException("OpenCL index memory is full: need "
                    + ((long)capacity + length) + " indices in all, at most "
                    + (Integer.MAX_VALUE - 8));
            }
            mirror = Arrays.copyOf(mirror, (int)wanted);
            allocator.grow((int)wanted);
            offset = allocator.allocate(length);
        }
        Arrays.fill(mirror, offset, offset + length, 0);
        publish();
        return offset;
    }

    void release(final int offset, final int length)
    {
        if (length > 0)
        {
            allocator.release(offset, length);
        }
    }

    void write(final int offset, final int[] src)
    {
        System.arraycopy(src, 0, mirror, offset, src.length);
        publish();
    }

    void read(final int offset, final int[] dst)
    {
        System.arraycopy(mirror, offset, dst, 0, dst.length);
    }

    private void publish()
    {
        for (final HeapKernel kernel : kernels)
        {
            kernel.bindIndices(mirror);
        }
    }
}
