package io.descent.data;

import java.util.Arrays;

/** An append-only {@code double} list for readers that do not know the row count in advance. */
final class GrowableDoubles
{
    private double[] values = new double[1024];
    private int size;

    void add(final double value)
    {
        if (size == values.length)
        {
            values = Arrays.copyOf(values, Math.multiplyExact(values.length, 2));
        }
        values[size++] = value;
    }

    int size()
    {
        return size;
    }

    double[] toArray()
    {
        return Arrays.copyOf(values, size);
    }
}
