// Generated from HeapKernelF32.java by
// java gpu-backend/src/test/java/io/descent/opencl/HeapKernelGenerator.java; do not edit.
// (Run it from the repository root; HeapKernelGeneratorTest fails when this is stale.)
package io.descent.opencl;

import com.aparapi.Kernel;
import com.aparapi.Range;

import java.util.Arrays;

/**
 * Every F64 kernel of the OpenCL backend: {@link HeapKernelF32} with {@code double} in place of
 * {@code float}, generated from it (Aparapi translates bytecode, so one generic source cannot
 * serve both). Compiling it needs a device with {@code cl_khr_fp64}; the engine compiles it up
 * front and refuses F64 with the compiler's reason where that fails.
 */
final class HeapKernelF64 extends Kernel implements HeapKernel
{
    double[] heap = new double[1];
    double[] stage;
    double[] out = new double[OUT_LENGTH];
    int[] ints = new int[1];

    int op;
    int count;
    int a;
    int b;
    int c;
    int d;
    int e;
    int cols;
    int rows;
    int rowStart;
    int indexBase;
    int chunk;
    int flags;
    int span = 1;
    double s0;
    double s1;
    double s2;
    double s3;
    double s4;

    /** Bytes this kernel asked Aparapi to move to or from the device; not read by run(). */
    private long transferredBytes;

    /** Times Aparapi called the (empty) fallback instead of the device; not read by run(). */
    private int fallbackCalls;

    HeapKernelF64(final int stageLength)
    {
        stage = new double[stageLength];
        setExplicit(true);
    }

    @Override
    public void run()
    {
        final int i = getGlobalId();
        if (op <= OP_UPDATE)
        {
            elementwise(i);
        }
        else if (i < count)
        {
            if (op == OP_PREDICT)
            {
                predict(i);
            }
            else if (op == OP_ROWS)
            {
                residual(i);
            }
            else if (op == OP_GRAD_PARTIAL)
            {
                gradientPartial(i);
            }
            else if (op == OP_GRAD_FINAL)
            {
                gradientFinal(i);
            }
            else if (op == OP_SUM_PARTIAL)
            {
                sumPartial(i);
            }
            else if (op == OP_SUM_FINAL)
            {
                sumFinal();
            }
        }
    }

    /** Work item {@code item} of an operation from {@link #OP_WRITE} to {@link #OP_UPDATE}. */
    private void elementwise(final int item)
    {
        // Work item i streams elements [i·span, min((i+1)·span, count)): a plain counted loop
        // that the device compiler can vectorise. The test is here because Aparapi 3.0.2 fails
        // to translate it nested in run()'s if-else chain ("child list broken").
        if (item <= (count - 1) / span)
        {
            final int from = item * span;
            elementRange(from, from + min(span, count - from));
        }
    }

    /**
     * Elements [from, to) of an element-wise operation. Every field a loop needs is copied into a
     * local first: Aparapi reads fields through a struct pointer, and the compiler would have to
     * prove that no store into the heap changes them before it could keep them in registers.
     */
    private void elementRange(final int from, final int to)
    {
        final int dst = a;
        final int src = b;
        if (op == OP_WRITE)
        {
            for (int i = from; i < to; i++)
            {
                heap[dst + i] = stage[i];
            }
        }
        else if (op == OP_READ)
        {
            for (int i = from; i < to; i++)
            {
                stage[i] = heap[dst + i];
            }
        }
        else if (op == OP_COPY)
        {
            for (int i = from; i < to; i++)
            {
                heap[dst + i] = heap[src + i];
            }
        }
        else if (op == OP_FILL)
        {
            final double value = s0;
            for (int i = from; i < to; i++)
            {
                heap[dst + i] = value;
            }
        }
        else
        {
            update(from, to);
        }
    }

    /** One loop per rule kind; the switches inside are loop-invariant and become selects. */
    private void update(final int from, final int to)
    {
        final int kind = flags & FLAG_KIND_MASK;
        final int maximize = flags & FLAG_MAXIMIZE;
        final int nesterov = flags & FLAG_NESTEROV;
        final int firstStep = flags & FLAG_FIRST_STEP;
        final int thetaAt = a;
        final int gradAt = b;
        final int stateAt = c;
        final double lr = s0;
        final double mu = s1;
        final double keep = s2;
        final double decay = s3;
        final double rest = s4;

        if (kind == KIND_PLAIN)
        {
            for (int i = from; i < to; i++)
            {
                final double theta = heap[thetaAt + i];
                double g = heap[gradAt + i];
                if (maximize != 0)
                {
                    g = -g;
                }
                g = g + decay * theta;
                heap[thetaAt + i] = theta - lr * g;
            }
        }
        else if (kind == KIND_MOMENTUM)
        {
            for (int i = from; i < to; i++)
            {
                final double theta = heap[thetaAt + i];
                double g = heap[gradAt + i];
                if (maximize != 0)
                {
                    g = -g;
                }
                g = g + decay * theta;
                // Read even on the first step, when it is not used: an unconditional load keeps
                // the loop free of branches around memory.
                double buf = mu * heap[stateAt + i] + keep * g;
                if (firstStep != 0)
                {
                    buf = g;
                }
                heap[stateAt + i] = buf;
                double dir = buf;
                if (nesterov != 0)
                {
                    dir = g + mu * buf;
                }
                heap[thetaAt + i] = theta - lr * dir;
            }
        }
        else if (kind == KIND_EMA)
        {
            for (int i = from; i < to; i++)
            {
                final double theta = heap[thetaAt + i];
                double g = heap[gradAt + i];
                if (maximize != 0)
                {
                    g = -g;
                }
                g = g + decay * theta;
                final double buf = mu * heap[stateAt + i] + rest * g;
                heap[stateAt + i] = buf;
                heap[thetaAt + i] = theta - lr * buf;
            }
        }
        else
        {
            for (int i = from; i < to; i++)
            {
                final double theta = heap[thetaAt + i];
                double g = heap[gradAt + i];
                if (maximize != 0)
                {
                    g = -g;
                }
                g = g + decay * theta;
                final double v = mu * heap[stateAt + i] - lr * g;
                heap[stateAt + i] = v;
                double next = theta + v;
                if (nesterov != 0)
                {
                    next = theta + mu * v - lr * g;
                }
                heap[thetaAt + i] = next;
            }
        }
    }

    private double linear(final int row)
    {
        double z = heap[b + cols];
        final int base = a + row * cols;
        for (int j = 0; j < cols; j++)
        {
            z += heap[base + j] * heap[b + j];
        }
        return z;
    }

    private double sigmoid(final double z)
    {
        final double t = exp(-abs(z));
        double s = t / (1.0 + t);
        if (z >= 0.0)
        {
            s = 1.0 / (1.0 + t);
        }
        return s;
    }

    private void predict(final int row)
    {
        final double z = linear(row);
        if ((flags & FLAG_LOGISTIC) != 0)
        {
            heap[c + row] = sigmoid(z);
        }
        else
        {
            heap[c + row] = z;
        }
    }

    private int selectedRow(final int position)
    {
        int row = rowStart + position;
        if ((flags & FLAG_INDICES) != 0)
        {
            row = ints[indexBase + position];
        }
        return row;
    }

    /** Position p of the selection: residual into heap[d + p], loss term into heap[e + p]. */
    private void residual(final int position)
    {
        final int row = selectedRow(position);
        final double z = linear(row);
        final double y = heap[c + row];
        if ((flags & FLAG_LOGISTIC) != 0)
        {
            heap[d + position] = sigmoid(z) - y;
            heap[e + position] = max(z, 0.0) + log1p(exp(-abs(z))) - y * z;
        }
        else
        {
            final double r = z - y;
            heap[d + position] = r;
            heap[e + position] = 0.5 * r * r;
        }
    }

    /** Item = chunk k, column j of (n weights, intercept, loss): a sum over the chunk's rows. */
    private void gradientPartial(final int item)
    {
        final int width = cols + 2;
        final int k = item / width;
        final int j = item - k * width;
        final int from = k * chunk;
        int to = from + chunk;
        if (to > rows)
        {
            to = rows;
        }

        double sum = 0.0;
        for (int p = from; p < to; p++)
        {
            if (j < cols)
            {
                sum += heap[d + p] * heap[a + selectedRow(p) * cols + j];
            }
            else if (j == cols)
            {
                sum += heap[d + p];
            }
            else
            {
                sum += heap[e + p];
            }
        }
        heap[b + item] = sum;
    }

    /** Item = column j: the chunks' partial sums in chunk order, divided by the row count. */
    private void gradientFinal(final int j)
    {
        final int width = cols + 2;
        final int chunks = (rows + chunk - 1) / chunk;
        double sum = 0.0;
        for (int k = 0; k < chunks; k++)
        {
            sum += heap[b + k * width + j];
        }

        final double mean = sum / s0;
        if (j <= cols)
        {
            heap[c + j] = mean;
        }
        else
        {
            out[0] = mean;
        }
    }

    /** Item = chunk k: Σ a·b, or Σ (a - a) when testing finiteness, over the chunk in order. */
    private void sumPartial(final int k)
    {
        final int from = k * chunk;
        int to = from + chunk;
        if (to > rows)
        {
            to = rows;
        }

        double sum = 0.0;
        if ((flags & FLAG_FINITE) != 0)
        {
            for (int i = from; i < to; i++)
            {
                // x - x is 0 for every finite x and NaN for ±∞ and NaN; a NaN survives the sum.
                sum += heap[a + i] - heap[a + i];
            }
        }
        else
        {
            for (int i = from; i < to; i++)
            {
                sum += heap[a + i] * heap[b + i];
            }
        }
        heap[d + k] = sum;
    }

    private void sumFinal()
    {
        double sum = 0.0;
        for (int k = 0; k < cols; k++)
        {
            sum += heap[d + k];
        }
        out[0] = sum;
    }

    /**
     * Tells Aparapi this kernel has its own fallback, so that when the OpenCL launch fails it
     * calls {@link #executeFallbackAlgorithm} instead of running {@link #run()} on Java threads.
     */
    @Override
    public boolean hasFallbackAlgorithm()
    {
        return true;
    }

    /** The fallback does no work: it only records that Aparapi left the device. */
    @Override
    public void executeFallbackAlgorithm(final Range range, final int passId)
    {
        fallbackCalls++;
    }

    @Override
    public int fallbackCalls()
    {
        return fallbackCalls;
    }

    @Override
    public long transferredBytes()
    {
        return transferredBytes;
    }

    @Override
    public Kernel kernel()
    {
        return this;
    }

    @Override
    public void setOp(
        final int op, final int count, final int a, final int b, final int c, final int d,
        final int e)
    {
        this.op = op;
        this.count = count;
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        this.e = e;
    }

    @Override
    public void setSpan(final int span)
    {
        this.span = span;
    }

    @Override
    public void setShape(final int cols, final int rows, final int rowStart, final int indexBase,
        final int chunk, final int flags)
    {
        this.cols = cols;
        this.rows = rows;
        this.rowStart = rowStart;
        this.indexBase = indexBase;
        this.chunk = chunk;
        this.flags = flags;
    }

    @Override
    public void setScalars(final double s0, final double s1, final double s2, final double s3,
        final double s4)
    {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        this.s4 = s4;
    }

    @Override
    public int stageLength()
    {
        return stage.length;
    }

    @Override
    public void putStage(final Object src, final int srcIndex, final int count)
    {
        System.arraycopy(src, srcIndex, stage, 0, count);
        put(stage);
        transferredBytes += (long)stage.length * Double.BYTES;
    }

    @Override
    public void getStage(final Object dst, final int dstIndex, final int count)
    {
        get(stage);
        transferredBytes += (long)stage.length * Double.BYTES;
        System.arraycopy(stage, 0, dst, dstIndex, count);
    }

    @Override
    public double getOut()
    {
        get(out);
        transferredBytes += (long)out.length * Double.BYTES;
        return out[0];
    }

    @Override
    public int heapCapacity()
    {
        return heap.length;
    }

    @Override
    public void growHeap(final int capacity, final boolean onDevice)
    {
        if (onDevice)
        {
            get(heap);
            transferredBytes += (long)heap.length * Double.BYTES;
        }
        heap = Arrays.copyOf(heap, capacity);
        put(heap);
        transferredBytes += (long)heap.length * Double.BYTES;
    }

    @Override
    public void bindIndices(final int[] indices)
    {
        ints = indices;
        put(ints);
        transferredBytes += (long)ints.length * Integer.BYTES;
    }
}
