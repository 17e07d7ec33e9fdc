package io.descent.opencl;

import com.aparapi.Kernel;

/**
 * The host side of the two heap kernels ({@link HeapKernelF32}, {@link HeapKernelF64}): how the
 * engine sets their arguments and moves data, whatever the precision.
 *
 * <p>Each kernel owns four arrays, kept on the device in Aparapi's explicit mode:
 * <ul>
 * <li>{@code heap}: every vector of the precision, as regions {@code [offset, offset + length)};
 *     kernels read and write it, the host never copies it except to grow it;</li>
 * <li>{@code stage}: the window through which {@code write} and {@code read} move host data;</li>
 * <li>{@code out}: the scalar result of a reduction, the only array read back after one;</li>
 * <li>{@code ints}: the index vectors, read-only on the device and mirrored on the host.</li>
 * </ul>
 *
 * <p>Operations and their fields (offsets {@code a..e} are heap offsets unless stated):
 * <ul>
 * <li>{@link #OP_WRITE}: heap[a + i] ← stage[i]; {@link #OP_READ}: stage[i] ← heap[a + i];
 *     {@link #OP_COPY}: heap[a + i] ← heap[b + i]; {@link #OP_FILL}: heap[a + i] ← s0. These and
 *     {@link #OP_UPDATE} are element-wise over i in [0, count): work item k handles the
 *     {@code span} elements from k·span on, in one loop.</li>
 * <li>{@link #OP_UPDATE}: θ at a, g at b, state at c; s0 = lr, s1 = μ (β), s2 = 1 - τ,
 *     s3 = λ, s4 = 1 - β; the rule kind and switches in {@code flags}.</li>
 * <li>{@link #OP_PREDICT}: X at a ({@code rows x cols}), params at b, out at c, one item per
 *     row.</li>
 * <li>{@link #OP_ROWS}: for selected position p, residual rₚ into d + p and loss term into
 *     e + p; X at a, params at b, y at c.</li>
 * <li>{@link #OP_GRAD_PARTIAL}: item (k, j), k a chunk of {@code chunk} positions, j one of
 *     cols weights, the intercept, the loss: a sequential sum over the chunk into b + item.</li>
 * <li>{@link #OP_GRAD_FINAL}: item j: Σ over chunks in chunk order of the partials, divided by
 *     s0 = m; weights and intercept into c + j, the loss into {@code out[0]}.</li>
 * <li>{@link #OP_SUM_PARTIAL}: item k: Σ over {@code [k·chunk, min(rows, (k+1)·chunk))} of
 *     heap[a + i]·heap[b + i] (or of heap[a + i] - heap[a + i] with {@link #FLAG_FINITE}),
 *     sequentially, into d + k.</li>
 * <li>{@link #OP_SUM_FINAL}: one item: Σ of the {@code cols} partials at d, in order, into
 *     {@code out[0]}.</li>
 * </ul>
 * Every sum therefore has an order fixed by {@code chunk} alone, never by the work-group size.
 */
interface HeapKernel
{
    int OP_WRITE = 0;
    int OP_READ = 1;
    int OP_COPY = 2;
    int OP_FILL = 3;
    int OP_UPDATE = 4;
    int OP_PREDICT = 5;
    int OP_ROWS = 6;
    int OP_GRAD_PARTIAL = 7;
    int OP_GRAD_FINAL = 8;
    int OP_SUM_PARTIAL = 9;
    int OP_SUM_FINAL = 10;

    int KIND_PLAIN = 0;
    int KIND_MOMENTUM = 1;
    int KIND_EMA = 2;
    int KIND_VELOCITY = 3;
    int FLAG_KIND_MASK = 3;
    int FLAG_NESTEROV = 4;
    int FLAG_MAXIMIZE = 8;
    int FLAG_FIRST_STEP = 16;
    int FLAG_LOGISTIC = 32;
    int FLAG_INDICES = 64;
    int FLAG_FINITE = 128;

    int OUT_LENGTH = 4;

    /** @return bytes queued for or read from the device so far through the methods below. */
    long transferredBytes();

    /** @return how often Aparapi called the kernel's empty fallback instead of the device. */
    int fallbackCalls();

    /** @return this kernel as an Aparapi kernel. */
    Kernel kernel();

    void setOp(int op, int count, int a, int b, int c, int d, int e);

    /** Sets how many consecutive elements each work item of an element-wise operation handles. */
    void setSpan(int span);

    void setShape(int cols, int rows, int rowStart, int indexBase, int chunk, int flags);

    /** Sets s0..s4, rounded to the kernel's precision. */
    void setScalars(double s0, double s1, double s2, double s3, double s4);

    int stageLength();

    /**
     * Copies {@code count} elements of a {@code float[]} or {@code double[]} into the stage and
     * queues the stage for the device.
     */
    void putStage(Object src, int srcIndex, int count);

    /** Reads the stage back from the device and copies its first {@code count} elements out. */
    void getStage(Object dst, int dstIndex, int count);

    /** @return {@code out[0]}, read back from the device. */
    double getOut();

    int heapCapacity();

    /**
     * Replaces the heap by a larger one holding the same elements: reads the device copy back
     * first when {@code onDevice}, then queues the new array for the device.
     */
    void growHeap(int capacity, boolean onDevice);

    /** Binds the host mirror of the index vectors and queues it for the device. */
    void bindIndices(int[] indices);
}
