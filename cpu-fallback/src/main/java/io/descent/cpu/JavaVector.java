package io.descent.cpu;

import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;

import java.util.Arrays;

/**
 * A vector in the Java heap: a {@code float[]} for F32 or a {@code double[]} for F64, exactly
 * one of which is non-null. Limited to {@link JavaEngine#MAX_LENGTH} elements, the largest
 * Java array.
 */
final class JavaVector extends DeviceVector
{
    float[] f32;
    double[] f64;

    JavaVector(final JavaEngine engine, final Precision precision, final int length)
    {
        super(engine, precision, length);
        if (precision == Precision.F32)
        {
            f32 = new float[length];
        }
        else
        {
            f64 = new double[length];
        }
    }

    @Override
    protected void writeF32(
        final long index, final float[] src, final int srcIndex, final int count)
    {
        ((JavaEngine)engine()).checkOpen();
        System.arraycopy(src, srcIndex, f32, (int)index, count);
    }

    @Override
    protected void writeF64(
        final long index, final double[] src, final int srcIndex, final int count)
    {
        ((JavaEngine)engine()).checkOpen();
        System.arraycopy(src, srcIndex, f64, (int)index, count);
    }

    @Override
    protected void readF32(final long index, final float[] dst, final int dstIndex, final int count)
    {
        ((JavaEngine)engine()).checkOpen();
        System.arraycopy(f32, (int)index, dst, dstIndex, count);
    }

    @Override
    protected void readF64(
        final long index, final double[] dst, final int dstIndex, final int count)
    {
        ((JavaEngine)engine()).checkOpen();
        System.arraycopy(f64, (int)index, dst, dstIndex, count);
    }

    @Override
    protected void copyFromDevice(final DeviceVector src)
    {
        final JavaEngine owner = (JavaEngine)engine();
        owner.checkOpen();
        final JavaVector s = (JavaVector)src;
        if (f32 != null)
        {
            owner.copy(s.f32, f32, f32.length);
        }
        else
        {
            owner.copy(s.f64, f64, f64.length);
        }
    }

    @Override
    protected void fillValue(final double value)
    {
        ((JavaEngine)engine()).checkOpen();
        if (f32 != null)
        {
            Arrays.fill(f32, (float)value);
        }
        else
        {
            Arrays.fill(f64, value);
        }
    }

    @Override
    protected void release()
    {
        f32 = null;
        f64 = null;
    }
}
