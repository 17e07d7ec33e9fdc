package io.descent.memory;

/**
 * The floating-point format of a device buffer and of the arithmetic done on it.
 *
 * <p>{@code F32} is IEEE 754 binary32 ({@code float}), {@code F64} is binary64 ({@code double}).
 * Kernels compute in the precision of their arguments; reductions may accumulate in a wider
 * format, which only makes them more accurate.
 */
public enum Precision
{
    F32(Float.BYTES, Math.ulp(1.0f)),
    F64(Double.BYTES, Math.ulp(1.0));

    private final int sizeBytes;
    private final double epsilon;

    Precision(final int sizeBytes, final double epsilon)
    {
        this.sizeBytes = sizeBytes;
        this.epsilon = epsilon;
    }

    /** @return bytes one element occupies. */
    public int sizeBytes()
    {
        return sizeBytes;
    }

    /** @return machine epsilon: the distance from 1.0 to the next representable value. */
    public double epsilon()
    {
        return epsilon;
    }

    /**
     * Parses {@code f32} or {@code f64}, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values otherwise.
     */
    public static Precision parse(final String text)
    {
        for (final Precision p : values())
        {
            if (p.name().equalsIgnoreCase(text))
            {
                return p;
            }
        }
        throw new IllegalArgumentException("precision must be f32 or f64: " + text);
    }
}
