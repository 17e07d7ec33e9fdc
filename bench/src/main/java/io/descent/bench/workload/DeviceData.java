package io.descent.bench.workload;

import io.descent.backend.Backend;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;

import java.util.SplittableRandom;

/**
 * Puts seeded random data on a backend, in chunks, so that a 2^26-element vector never needs a
 * host array of the same size; and waits for a backend to finish what it was asked to do.
 */
public final class DeviceData
{
    private static final int CHUNK = 1 << 20;

    private DeviceData()
    {
    }

    /** @return a new vector of uniform values in [lo, hi), from {@code seed}. */
    public static DeviceVector uniform(
        final Backend backend, final Precision precision, final long length, final double lo,
            final double hi,
        final long seed)
    {
        final DeviceVector v = backend.allocate(precision, length);
        final SplittableRandom random = new SplittableRandom(seed);
        final int chunk = (int)Math.min(CHUNK, Math.max(1, length));
        final float[] f32 = precision == Precision.F32 ? new float[chunk] : null;
        final double[] f64 = precision == Precision.F64 ? new double[chunk] : null;

        for (long index = 0; index < length; index += chunk)
        {
            final int count = (int)Math.min(chunk, length - index);
            for (int i = 0; i < count; i++)
            {
                final double x = lo + (hi - lo) * random.nextDouble();
                if (f32 != null)
                {
                    f32[i] = (float)x;
                }
                else
                {
                    f64[i] = x;
                }
            }
            if (f32 != null)
            {
                v.write(index, f32, 0, count);
            }
            else
            {
                v.write(index, f64, 0, count);
            }
        }
        return v;
    }

    /** @return a new {@code rows x cols} matrix of uniform values in [-1, 1). */
    public static DeviceMatrix matrix(
        final Backend backend, final Precision precision, final int rows, final int cols,
            final long seed)
    {
        return new DeviceMatrix(uniform(backend, precision, (long)rows * cols, -1.0, 1.0, seed),
            rows, cols);
    }

    /** @return a seeded random permutation of {@code [0, n)}. */
    public static int[] permutation(final int n, final long seed)
    {
        final int[] p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
