package io.descent.bench.workload;

import io.descent.memory.Precision;

/**
 * The data shapes the gradient benchmarks use, and the traffic a gradient over them must
 * cause. Each shape holds 2^24 to 2^26 elements, more than fits in the private caches.
 */
public enum GradientShape
{
    /** 2^20 rows by 64 features: many short rows, the common case in training. */
    TALL("tall", 1 << 20, 64),
    /** 4096 by 4096. */
    SQUARE("square", 4096, 4096),
    /** 2^12 rows by 2^14 features: few long rows. */
    WIDE("wide", 1 << 12, 1 << 14);

    /** Rows in a mini-batch. */
    public static final int MINI_BATCH_ROWS = 256;

    private final String id;
    private final int rows;
    private final int cols;

    GradientShape(final String id, final int rows, final int cols)
    {
        this.id = id;
        this.rows = rows;
        this.cols = cols;
    }

    public String id()
    {
        return id;
    }

    public int rows()
    {
        return rows;
    }

    public int cols()
    {
        return cols;
    }

    /**
     * Bytes a single-pass gradient must move for {@code selectedRows} rows: read each selected
     * row of X and its target once, read the parameters and write the gradient ((cols + 1)
     * elements each), and read one 4-byte index per row when {@code indexed}.
     */
    public long bytesMoved(final Precision precision, final int selectedRows, final boolean indexed)
    {
        final long s = precision.sizeBytes();
        final long matrix = (long)selectedRows * cols * s;
        final long targets = (long)selectedRows * s;
        final long model = 2L * (cols + 1) * s;
        final long index = indexed ? 4L * selectedRows : 0L;
        return matrix + targets + model + index;
    }

    /** @return the shape with short name {@code text}, ignoring case. */
    public static GradientShape parse(final String text)
    {
        for (final GradientShape s : values())
        {
            if (s.id.equalsIgnoreCase(text) || s.name().equalsIgnoreCase(text))
            {
                return s;
            }
        }
        throw new IllegalArgumentException("gradient shape must be tall, square or wide: " + text);
    }
}
