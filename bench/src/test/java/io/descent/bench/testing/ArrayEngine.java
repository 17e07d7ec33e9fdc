package io.descent.bench.testing;

import io.descent.backend.Availability;
import io.descent.backend.BackendEngine;
import io.descent.backend.BackendProvider;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.Precision;

import java.util.Optional;

/**
 * A deliberately plain engine over {@code double[]} (both precisions), so the benchmark
 * harness can be tested without depending on any real backend being built or available. It
 * is correct but not fast, and is never registered with {@link java.util.ServiceLoader}.
 */
public final class ArrayEngine implements BackendEngine
{
    private final String name;

    public ArrayEngine(final String name)
    {
        this.name = name;
    }

    /** @return a provider that is available and opens an engine called {@code name}. */
    public static BackendProvider provider(final String name, final int priority)
    {
        return new BackendProvider()
        {
            @Override
            public String name()
            {
                return name;
            }

            @Override
            public int priority()
            {
                return priority;
            }

            @Override
            public Availability probe()
            {
                return Availability.available("test arrays");
            }

            @Override
            public BackendEngine open()
            {
                return new ArrayEngine(name);
            }
        };
    }

    /** @return a provider that is never available, with a reason. */
    public static BackendProvider unavailable(final String name)
    {
        return new BackendProvider()
        {
            @Override
            public String name()
            {
                return name;
            }

            @Override
            public int priority()
            {
                return 0;
            }

            @Override
            public Availability probe()
            {
                return Availability.unavailable("no such device in tests");
            }

            @Override
            public BackendEngine open()
            {
                throw new IllegalStateException("never opened");
            }
        };
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String device()
    {
        return "test arrays";
    }

    @Override
    public Optional<String> precisionRefusal(final Precision precision)
    {
        return Optional.empty();
    }

    @Override
    public long maxLength()
    {
        return Integer.MAX_VALUE - 8;
    }

    @Override
    public DeviceVector allocate(final Precision precision, final long length)
    {
        return new Vec(this, precision, (int)length);
    }

    @Override
    public IndexVector allocateIndices(final int length)
    {
        return new Idx(this, length);
    }

    @Override
    public void update(
        final UpdateRule rule, final DeviceVector theta, final DeviceVector grad,
            final DeviceVector state,
        final boolean firstStep)
    {
        final double[] t = ((Vec)theta).data;
        final double[] g = ((Vec)grad).data;
        final double[] b = state == null ? null : ((Vec)state).data;
        final double lr = rule.lr();
        final double mu = rule.momentum();
        for (int i = 0; i < t.length; i++)
        {
            final double gi = (rule.maximize() ? -g[i] : g[i]) + rule.weightDecay() * t[i];
            switch (rule.kind())
            {
                case PLAIN -> t[i] -= lr * gi;
                case MOMENTUM ->
                {
                    b[i] = firstStep ? gi : mu * b[i] + (1 - rule.dampening()) * gi;
                    t[i] -= lr * (rule.nesterov() ? gi + mu * b[i] : b[i]);
                }
                case EMA ->
                {
                    b[i] = mu * b[i] + (1 - mu) * gi;
                    t[i] -= lr * b[i];
                }
                case VELOCITY ->
                {
                    b[i] = mu * b[i] - lr * gi;
                    t[i] += rule.nesterov() ? mu * b[i] - lr * gi : b[i];
                }
            }
        }
    }

    @Override
    public double lossAndGradient(
        final LossFunction loss, final DeviceMatrix x, final DeviceVector y,
            final DeviceVector params,
        final DeviceVector grad, final Rows rows)
    {
        final double[] xs = ((Vec)x.data()).data;
        final double[] ys = ((Vec)y).data;
        final double[] w = ((Vec)params).data;
        final double[] out = ((Vec)grad).data;
        final int cols = x.cols();
        final int m = rows.count(x.rows());
        java.util.Arrays.fill(out, 0.0);
        double total = 0;
        for (int k = 0; k < m; k++)
        {
            final int r = rows.kind() == Rows.Kind.INDICES
                ? ((Idx)rows.indexVector()).data[rows.from() + k]
                : rows.start() + k;
            double z = w[cols];
            for (int j = 0; j < cols; j++)
            {
                z += xs[r * cols + j] * w[j];
            }
            final double residual = z - ys[r];
            total += residual * residual / 2;
            for (int j = 0; j < cols; j++)
            {
                out[j] += residual * xs[r * cols + j] / m;
            }
            out[cols] += residual / m;
        }
        return total / m;
    }

    @Override
    public void predict(final LossFunction loss, final DeviceMatrix x, final DeviceVector params,
        final DeviceVector out)
    {
        throw new UnsupportedOperationException("not needed by the benchmark tests");
    }

    @Override
    public double dot(final DeviceVector a, final DeviceVector b)
    {
        double sum = 0;
        for (int i = 0; i < ((Vec)a).data.length; i++)
        {
            sum += ((Vec)a).data[i] * ((Vec)b).data[i];
        }
        return sum;
    }

    @Override
    public double squaredNorm(final DeviceVector a)
    {
        return dot(a, a);
    }

    @Override
    public boolean allFinite(final DeviceVector a)
    {
        for (final double v : ((Vec)a).data)
        {
            if (!Double.isFinite(v))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close()
    {
    }

    private static final class Vec extends DeviceVector
    {
        private final double[] data;

        Vec(final BackendEngine engine, final Precision precision, final int length)
        {
            super(engine, precision, length);
            data = new double[length];
        }

        @Override
        protected void writeF32(final long index, final float[] src, final int srcIndex,
            final int count)
        {
            for (int i = 0; i < count; i++)
            {
                data[(int)index + i] = src[srcIndex + i];
            }
        }

        @Override
        protected void writeF64(final long index, final double[] src, final int srcIndex,
            final int count)
        {
            System.arraycopy(src, srcIndex, data, (int)index, count);
        }

        @Override
        protected void readF32(final long index, final float[] dst, final int dstIndex,
            final int count)
        {
            for (int i = 0; i < count; i++)
            {
                dst[dstIndex + i] = (float)data[(int)index + i];
            }
        }

        @Override
        protected void readF64(final long index, final double[] dst, final int dstIndex,
            final int count)
        {
            System.arraycopy(data, (int)index, dst, dstIndex, count);
        }

        @Override
        protected void copyFromDevice(final DeviceVector src)
        {
            System.arraycopy(((Vec)src).data, 0, data, 0, data.length);
        }

        @Override
        protected void fillValue(final double value)
        {
            java.util.Arrays.fill(data, value);
        }

        @Override
        protected void release()
        {
        }
    }

    private static final class Idx extends IndexVector
    {
        private final int[] data;

        Idx(final BackendEngine engine, final int length)
        {
            super(engine, length);
            data = new int[length];
        }

        @Override
        protected void writeInts(final int[] src)
        {
            System.arraycopy(src, 0, data, 0, data.length);
        }

        @Override
        protected void readInts(final int[] dst)
        {
            System.arraycopy(data, 0, dst, 0, data.length);
        }

        @Override
        protected void release()
        {
        }
    }
}
