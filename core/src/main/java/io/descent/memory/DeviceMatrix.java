package io.descent.memory;

import java.util.Objects;

/**
 * A dense row-major matrix on a backend: element {@code (i, j)} is element {@code i * cols + j}
 * of {@link #data()}. The matrix owns its vector; closing one closes the other.
 */
public final class DeviceMatrix implements AutoCloseable
{
    private final DeviceVector data;
    private final int rows;
    private final int cols;

    /**
     * Views {@code data} as a {@code rows x cols} matrix.
     *
     * @throws IllegalArgumentException if {@code rows * cols != data.length()}.
     */
    public DeviceMatrix(final DeviceVector data, final int rows, final int cols)
    {
        Objects.requireNonNull(data, "data");
        if (rows < 0 || cols < 0)
        {
            throw new IllegalArgumentException(
                "rows and cols must be >= 0: rows=" + rows + ", cols=" + cols);
        }
        if ((long)rows * cols != data.length())
        {
            throw new IllegalArgumentException("rows * cols must equal the data length: rows="
                + rows + ", cols=" + cols + ", length=" + data.length());
        }
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    public DeviceVector data()
    {
        return data;
    }

    public int rows()
    {
        return rows;
    }

    public int cols()
    {
        return cols;
    }

    public Precision precision()
    {
        return data.precision();
    }

    @Override
    public void close()
    {
        data.close();
    }

    @Override
    public String toString()
    {
        return data.precision() + "[" + rows + " x " + cols + "] on " + data.engine().name();
    }
}
