package io.descent.opencl;

import com.aparapi.Kernel;
import com.aparapi.ProfileInfo;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import io.descent.backend.Availability;
import io.descent.memory.Precision;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * The device memory and the kernels of one precision: one {@link HeapKernel} whose heap array
 * holds every vector of that precision, a host-side allocator for it, and the launches of each
 * operation with their fixed reduction orders.
 *
 * <p>Reductions sum in two launches: each of ⌈n / {@value #REDUCE_CHUNK}⌉ work items adds its
 * chunk of consecutive elements in index order, then one work item adds the chunk sums in chunk
 * order. Gradients do the same over chunks of {@value #ROW_CHUNK} selected rows, one work item
 * per (chunk, column). The order depends only on these constants, never on the work-group size.
 *
 * <p>Every launch is checked afterwards: if Aparapi did not run it on the chosen OpenCL device,
 * the pool throws and stays broken. Aparapi answers a failed launch by moving to the kernel's
 * next preferred device and, when none is left, to its Java thread pool; the pool lists the
 * kernel's own empty fallback after the device, so a failed launch computes nothing anywhere.
 */
final class PrecisionPool
{
    /** Elements each work item sums sequentially in the first pass of a reduction. */
    static final int REDUCE_CHUNK = 1024;

    /** Selected rows each work item sums sequentially in the first pass of a gradient. */
    static final int ROW_CHUNK = 256;

    /**
     * Consecutive elements each work item of an element-wise operation handles. One element per
     * work item left PoCL's CPU compiler a loop over work items that it did not vectorise and
     * 2^24 work items to schedule; a counted loop per work item vectorises, and 1024 elements
     * keep a work-group of 64 items at 256 KiB of F32, enough groups for every core from 2^20 on.
     * Each element is computed on its own, so the span changes no result.
     */
    static final int SPAN = 1024;

    /**
     * Smallest heap after the first growth, in elements. At 16 MiB or more the array is a
     * humongous object for G1 whatever its region size, and G1 does not move those: Aparapi
     * recreates a device buffer from the Java array when the collector has moved the array,
     * which on a device with its own memory would bring back stale host contents.
     */
    static final int MIN_GROWN_CAPACITY = 1 << 22;

    private final Precision precision;
    private final HeapKernel kernel;
    private final OpenCLDevice device;
    private final int localSize;
    private final int maxElements;
    private final HeapAllocator allocator = new HeapAllocator(0);
    private String broken;

    /**
     * Compiles {@code kernel} for {@code device} and runs one empty launch to bind its arrays.
     *
     * @throws CompileFailedException if Aparapi cannot translate or compile it for the device.
     * @throws IllegalStateException  if the launch did not run on the device.
     */
    PrecisionPool(final Precision precision, final HeapKernel kernel, final OpenCLDevice device,
        final int localSize) throws CompileFailedException
    {
        this.precision = precision;
        this.kernel = kernel;
        this.device = device;
        this.localSize = localSize;
        this.maxElements = (int)Math.min(
            Integer.MAX_VALUE - 8L, device.getMaxMemAllocSize() / precision.sizeBytes());

        final Kernel k = kernel.kernel();
        // After the device, Aparapi's next choice is the kernel's own fallback, which does nothing:
        // with the device alone it would run the kernel on its Java thread pool instead.
        KernelManager.instance().setPreferredDevices(k,
            new LinkedHashSet<Device>(List.of(device, JavaDevice.ALTERNATIVE_ALGORITHM)));
        k.compile(device);
        kernel.setOp(HeapKernel.OP_FILL, 0, 0, 0, 0, 0, 0);
        launch("bind", 1);
    }

    Precision precision()
    {
        return precision;
    }

    /** @return the largest number of elements the heap of this precision can hold. */
    int maxElements()
    {
        return maxElements;
    }

    /** @return the offset of {@code length} zero-filled elements. */
    synchronized int allocate(final int length)
    {
        final int offset = reserve(length);
        fill(offset, length, 0.0);
        return offset;
    }

    synchronized void release(final int offset, final int length)
    {
        if (length > 0)
        {
            allocator.release(offset, length);
        }
    }

    /** Copies {@code count} elements of {@code src} (float[] or double[]) to heap[offset...]. */
    synchronized void write(final int offset, final Object src, final int srcIndex, final int count)
    {
        final int window = kernel.stageLength();
        for (int done = 0; done < count; done += window)
        {
            final int n = Math.min(window, count - done);
            kernel.putStage(src, srcIndex + done, n);
            kernel.setOp(HeapKernel.OP_WRITE, n, offset + done, 0, 0, 0, 0);
            launchElementwise("write", n);
        }
    }

    /** Copies heap[offset, offset + count) into {@code dst} (float[] or double[]). */
    synchronized void read(final int offset, final Object dst, final int dstIndex, final int count)
    {
        final int window = kernel.stageLength();
        for (int done = 0; done < count; done += window)
        {
            final int n = Math.min(window, count - done);
            kernel.setOp(HeapKernel.OP_READ, n, offset + done, 0, 0, 0, 0);
            launchElementwise("read", n);
            kernel.getStage(dst, dstIndex + done, n);
        }
    }

    synchronized void copy(final int dstOffset, final int srcOffset, final int length)
    {
        kernel.setOp(HeapKernel.OP_COPY, length, dstOffset, srcOffset, 0, 0, 0);
        launchElementwise("copy", length);
    }

    synchronized void fill(final int offset, final int length, final double value)
    {
        kernel.setOp(HeapKernel.OP_FILL, length, offset, 0, 0, 0, 0);
        kernel.setScalars(value, 0.0, 0.0, 0.0, 0.0);
        launchElementwise("fill", length);
    }

    /** One update of {@code length} elements; see {@link HeapKernel#OP_UPDATE} for the scalars. */
    synchronized void update(
        final int flags, final double[] scalars, final int theta, final int grad, final int state,
        final int length)
    {
        kernel.setOp(HeapKernel.OP_UPDATE, length, theta, grad, state, 0, 0);
        kernel.setShape(0, 0, 0, 0, 0, flags);
        kernel.setScalars(scalars[0], scalars[1], scalars[2], scalars[3], scalars[4]);
        launchElementwise("update", length);
    }

    synchronized void predict(
        final boolean logistic, final int x, final int rows, final int cols, final int params,
        final int out)
    {
        kernel.setOp(HeapKernel.OP_PREDICT, rows, x, params, out, 0, 0);
        kernel.setShape(cols, rows, 0, 0, 0, logistic ? HeapKernel.FLAG_LOGISTIC : 0);
        launch("predict", rows);
    }

    /**
     * Mean loss over {@code m} selected rows and its gradient into heap[grad, grad + cols + 1).
     * Rows are {@code rowStart + p}, or {@code ints[indexBase + p]} when {@code indexBase >= 0}.
     */
    synchronized double lossAndGradient(
        final boolean logistic, final int x, final int cols, final int y, final int params,
        final int grad, final int m, final int rowStart, final int indexBase)
    {
        final int width = cols + 2;
        final int chunks = (m + ROW_CHUNK - 1) / ROW_CHUNK;
        final int scratchLength = 2 * m + chunks * width;
        final int residuals = reserve(scratchLength);
        final int terms = residuals + m;
        final int partials = terms + m;
        final int flags = (logistic ? HeapKernel.FLAG_LOGISTIC : 0)
            | (indexBase >= 0 ? HeapKernel.FLAG_INDICES : 0);
        try
        {
            kernel.setShape(cols, m, rowStart, Math.max(indexBase, 0), ROW_CHUNK, flags);
            kernel.setOp(HeapKernel.OP_ROWS, m, x, params, y, residuals, terms);
            launch("lossAndGradient/rows", m);

            kernel.setOp(
                HeapKernel.OP_GRAD_PARTIAL, chunks * width, x, partials, 0, residuals, terms);
            launch("lossAndGradient/partial", chunks * width);

            kernel.setOp(HeapKernel.OP_GRAD_FINAL, width, 0, partials, grad, 0, 0);
            kernel.setScalars(m, 0.0, 0.0, 0.0, 0.0);
            launch("lossAndGradient/final", width);
            return kernel.getOut();
        }
        finally
        {
            allocator.release(residuals, scratchLength);
        }
    }

    /** @return Σ heap[a + i]·heap[b + i] over {@code length} elements, in the fixed order. */
    synchronized double dot(final int a, final int b, final int length)
    {
        return reduce("dot", a, b, length, 0);
    }

    /** @return whether heap[a, a + length) holds no NaN and no infinity. */
    synchronized boolean allFinite(final int a, final int length)
    {
        return reduce("allFinite", a, a, length, HeapKernel.FLAG_FINITE) == 0.0;
    }

    /** @return bytes moved between host and device by this pool so far (index vectors apart). */
    synchronized long transferredBytes()
    {
        return kernel.transferredBytes();
    }

    /**
     * @return Aparapi's record of the last launch (buffer writes, the execution, buffer reads),
     *     or null unless Aparapi profiles ({@code -Dcom.aparapi.enableProfiling=true}).
     */
    synchronized List<ProfileInfo> lastLaunchProfile()
    {
        return kernel.kernel().getProfileInfo();
    }

    /** @return why this pool can no longer run, or null while it can. */
    String broken()
    {
        return broken;
    }

    /** Releases the device memory; later transfers and kernels throw IllegalStateException. */
    synchronized void dispose()
    {
        if (broken == null)
        {
            broken = "the engine is closed";
        }
        kernel.kernel().dispose();
    }

    private double reduce(
        final String name, final int a, final int b, final int length, final int flags)
    {
        if (length == 0)
        {
            return 0.0;
        }
        final int chunks = (length + REDUCE_CHUNK - 1) / REDUCE_CHUNK;
        final int partials = reserve(chunks);
        try
        {
            kernel.setShape(0, length, 0, 0, REDUCE_CHUNK, flags);
            kernel.setOp(HeapKernel.OP_SUM_PARTIAL, chunks, a, b, 0, partials, 0);
            launch(name + "/partial", chunks);

            kernel.setShape(chunks, length, 0, 0, REDUCE_CHUNK, flags);
            kernel.setOp(HeapKernel.OP_SUM_FINAL, 1, 0, 0, 0, partials, 0);
            launch(name + "/final", 1);
            return kernel.getOut();
        }
        finally
        {
            allocator.release(partials, chunks);
        }
    }

    /** @return the offset of {@code length} uninitialised elements, growing the heap if needed. */
    private int reserve(final int length)
    {
        if (length == 0)
        {
            return 0;
        }
        int offset = allocator.allocate(length);
        if (offset < 0)
        {
            grow(length);
            offset = allocator.allocate(length);
        }
        return offset;
    }

    private void grow(final int length)
    {
        final long capacity = allocator.capacity();
        final long wanted = Math.max(capacity + length, Math.max(2 * capacity, MIN_GROWN_CAPACITY));
        final long needed = capacity + length;
        if (needed > maxElements)
        {
            throw new IllegalStateException("OpenCL " + precision + " memory is full: need "
                + needed + " elements in all, the device allows at most " + maxElements
                + " (one buffer per precision)");
        }
        final int newCapacity = (int)Math.min(wanted, maxElements);

        // The device copy is the only current one; it comes back once, into the larger array.
        kernel.growHeap(newCapacity, true);
        allocator.grow(newCapacity);
    }

    /** Launches an element-wise operation on {@code length} elements, {@link #SPAN} per item. */
    private void launchElementwise(final String name, final int length)
    {
        kernel.setSpan(SPAN);
        launch(name, (int)((length + (long)SPAN - 1) / SPAN));
    }

    private void launch(final String name, final int items)
    {
        if (broken != null)
        {
            throw new IllegalStateException(
                "OpenCL " + precision + " kernels cannot run any more: " + broken);
        }
        final int global = (int)((items + (long)localSize - 1) / localSize * localSize);
        final Kernel k = kernel.kernel();
        try
        {
            k.execute(Range.create(global, localSize));
        }
        catch (final RuntimeException | Error ex)
        {
            broken = "kernel " + name + " failed: " + Availability.describe(ex);
            throw new IllegalStateException("OpenCL " + precision + " " + broken, ex);
        }

        final Device target = k.getTargetDevice();
        if (!k.isRunningCL() || !device.equals(target) || kernel.fallbackCalls() > 0)
        {
            broken = "kernel " + name + " did not run on " + device.getName().trim()
                + "; Aparapi gave up on the device (no work was done on Java threads instead)";
            throw new IllegalStateException("OpenCL " + precision + " " + broken);
        }
    }
}
