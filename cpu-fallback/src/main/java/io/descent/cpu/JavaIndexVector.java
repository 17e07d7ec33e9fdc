package io.descent.cpu;

import io.descent.memory.IndexVector;

/** Row indices in an {@code int[]} on the Java heap. */
final class JavaIndexVector extends IndexVector
{
    int[] values;

    JavaIndexVector(final JavaEngine engine, final int length)
    {
        super(engine, length);
        values = new int[length];
    }

    @Override
    protected void writeInts(final int[] src)
    {
        ((JavaEngine)engine()).checkOpen();
        System.arraycopy(src, 0, values, 0, src.length);
    }

    @Override
    protected void readInts(final int[] dst)
    {
        ((JavaEngine)engine()).checkOpen();
        System.arraycopy(values, 0, dst, 0, dst.length);
    }

    @Override
    protected void release()
    {
        values = null;
    }
}
