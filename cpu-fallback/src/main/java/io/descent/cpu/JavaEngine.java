package io.descent.cpu;

import io.descent.backend.BackendEngine;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.Precision;

import java.util.Optional;

/**
 * The pure-Java backend: vectors are Java arrays, kernels are fused loops split across a
 * private fork/join pool above {@link Chunks#PARALLEL_THRESHOLD} elements. Results never depend
 * on the thread count. Vectors are limited to {@link #MAX_LENGTH} elements, the largest Java
 * array; longer vectors need a GPU backend. Not final only so that tests in this package can
 * skew one kernel and see the checks catch it.
 */
class JavaEngine implements BackendEngine
{
    /** The largest array length every JVM accepts. */
    static final long MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final Chunks chunks;
    private final String device;
    private volatile boolean closed;

    JavaEngine(final int threads, final String device)
    {
        this.chunks = new Chunks(threads);
        this.device = device;
    }

    @Override
    public String name()
    {
        return JavaBackendProvider.NAME;
    }

    @Override
    public String device()
    {
        return device;
    }

    @Override
    public Optional<String> precisionRefusal(final Precision precision)
    {
        return Optional.empty();
    }

    @Override
    public long maxLength()
    {
        return MAX_LENGTH;
    }

    @Override
    public DeviceVector allocate(final Precision precision, final long length)
    {
        return new JavaVector(this, precision, (int)length);
    }

    @Override
    public IndexVector allocateIndices(final int length)
    {
        return new JavaIndexVector(this, length);
    }

    @Override
    public void update(
        final UpdateRule rule,
        final DeviceVector theta,
        final DeviceVector grad,
        final DeviceVector state,
        final boolean firstStep)
    {
        final JavaVector t = (JavaVector)theta;
        final JavaVector g = (JavaVector)grad;
        final JavaVector s = (JavaVector)state;
        final int n = (int)theta.length();

        chunks.run(Chunks.count(n, Chunks.ELEMENTS), n, c ->
        {
            final int from = c * Chunks.ELEMENTS;
            final int to = Math.min(n, from + Chunks.ELEMENTS);
            if (t.f32 != null)
            {
                UpdateKernels.runF32(
                    rule, t.f32, g.f32, s == null ? null : s.f32, firstStep, from, to);
            }
            else
            {
                UpdateKernels.runF64(
                    rule, t.f64, g.f64, s == null ? null : s.f64, firstStep, from, to);
            }
        });
    }

    @Override
    public double lossAndGradient(
        final LossFunction loss,
        final DeviceMatrix x,
        final DeviceVector y,
        final DeviceVector params,
        final DeviceVector grad,
        final Rows rows)
    {
        final int n = x.cols();
        final double[] w = params.toDoubleArray();
        final double[] out = new double[n + 1];
        final int[] indices = rows.kind() == Rows.Kind.INDICES
            ? ((JavaIndexVector)rows.indexVector()).values
            : null;
        final GradientKernels.Selection sel =
            new GradientKernels.Selection(rows.kind(), rows.start(), indices);

        final double value = GradientKernels.lossAndGradient(
            chunks, loss, array(x.data()), array(y), n, w, sel, rows.count(x.rows()), out);

        writeDoubles((JavaVector)grad, out);
        return value;
    }

    @Override
    public void predict(
        final LossFunction loss,
        final DeviceMatrix x,
        final DeviceVector params,
        final DeviceVector out)
    {
        GradientKernels.predict(
            chunks, loss, array(x.data()), x.rows(), x.cols(), params.toDoubleArray(), array(out));
    }

    @Override
    public double dot(final DeviceVector a, final DeviceVector b)
    {
        return Reductions.dot(chunks, array(a), array(b), (int)a.length());
    }

    @Override
    public double squaredNorm(final DeviceVector a)
    {
        return Reductions.dot(chunks, array(a), array(a), (int)a.length());
    }

    @Override
    public boolean allFinite(final DeviceVector a)
    {
        return Reductions.allFinite(chunks, array(a), (int)a.length());
    }

    @Override
    public void close()
    {
        closed = true;
        chunks.close();
    }

    /** @throws IllegalStateException once the engine is closed: its vectors die with it. */
    void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("java engine is closed");
        }
    }

    /**
     * Copies {@code length} elements of one array into another of the same type, in parallel
     * chunks above the threshold: one thread alone cannot saturate the memory system, and this
     * copy is the baseline that {@code descent bench} compares the kernels with.
     */
    void copy(final Object src, final Object dst, final int length)
    {
        chunks.run(Chunks.count(length, Chunks.ELEMENTS), length, c ->
        {
            final int from = c * Chunks.ELEMENTS;
            System.arraycopy(src, from, dst, from, Math.min(Chunks.ELEMENTS, length - from));
        });
    }

    int threads()
    {
        return chunks.threads();
    }

    private static Object array(final DeviceVector v)
    {
        final JavaVector j = (JavaVector)v;
        return j.f32 != null ? j.f32 : j.f64;
    }

    private static void writeDoubles(final JavaVector target, final double[] values)
    {
        if (target.f64 != null)
        {
            System.arraycopy(values, 0, target.f64, 0, values.length);
            return;
        }
        for (int i = 0; i < values.length; i++)
        {
            target.f32[i] = (float)values[i];
        }
    }
}
