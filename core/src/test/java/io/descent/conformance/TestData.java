package io.descent.conformance;

import io.descent.backend.Backend;
import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;

import java.util.SplittableRandom;

/**
 * Inputs for the conformance suite: values drawn with a fixed seed and rounded to the precision
 * under test, so the double-precision reference sees exactly what the backend sees.
 */
public final class TestData
{
    /** The seed of every random input; change it and every expectation is recomputed. */
    public static final long SEED = 0x5EED_DE5CL;

    private TestData()
    {
    }

    /** @return {@code n} values uniform in [-scale, scale), rounded to {@code p}. */
    public static double[] uniform(
        final Precision p, final int n, final double scale, final long salt)
    {
        final SplittableRandom random = new SplittableRandom(SEED ^ salt);
        final double[] values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = round(p, (random.nextDouble() * 2.0 - 1.0) * scale);
        }
        return values;
    }

    /** @return {@code v} rounded to the precision (F32 rounds to nearest float). */
    public static double round(final Precision p, final double v)
    {
        return p == Precision.F32 ? (float)v : v;
    }

    /** @return a new vector on {@code backend} holding {@code values} in precision {@code p}. */
    public static DeviceVector upload(
        final Backend backend, final Precision p, final double[] values)
    {
        return backend.vector(p, values);
    }
}
