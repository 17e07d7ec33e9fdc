package io.descent.cpu;

/**
 * Dot product, squared norm and the finiteness check, each over fixed chunks of
 * {@link Chunks#ELEMENTS} elements whose partial sums (in {@code double}) are added in chunk
 * order: the result depends on the length only, not on the thread count.
 */
final class Reductions
{
    private Reductions()
    {
    }

    /**
     * @return Σ aᵢbᵢ over F32 or F64 arrays of equal length; a and b may be the same array.
     */
    static double dot(final Chunks chunks, final Object a, final Object b, final int n)
    {
        final int count = Chunks.count(n, Chunks.ELEMENTS);
        final double[] partial = new double[count];
        chunks.run(count, n, c ->
        {
            final int from = c * Chunks.ELEMENTS;
            final int to = Math.min(n, from + Chunks.ELEMENTS);
            partial[c] = a instanceof float[] fa
                ? dotF32(fa, (float[])b, from, to)
                : dotF64((double[])a, (double[])b, from, to);
        });
        return sumInOrder(partial);
    }

    /** @return whether no element is NaN or infinite. */
    static boolean allFinite(final Chunks chunks, final Object a, final int n)
    {
        final int count = Chunks.count(n, Chunks.ELEMENTS);
        final boolean[] finite = new boolean[count];
        chunks.run(count, n, c ->
        {
            final int from = c * Chunks.ELEMENTS;
            final int to = Math.min(n, from + Chunks.ELEMENTS);
            finite[c] = a instanceof float[] fa
                ? finiteF32(fa, from, to)
                : finiteF64((double[])a, from, to);
        });
        for (final boolean f : finite)
        {
            if (!f)
            {
                return false;
            }
        }
        return true;
    }

    private static double dotF32(final float[] a, final float[] b, final int from, final int to)
    {
        double s = 0.0;
        for (int i = from; i < to; i++)
        {
            s += (double)a[i] * b[i];
        }
        return s;
    }

    private static double dotF64(final double[] a, final double[] b, final int from, final int to)
    {
        double s = 0.0;
        for (int i = from; i < to; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * x·0 is ±0 for finite x and NaN otherwise, so one sum tells without a branch per element.
     */
    private static boolean finiteF32(final float[] a, final int from, final int to)
    {
        float probe = 0.0f;
        for (int i = from; i < to; i++)
        {
            probe += a[i] * 0.0f;
        }
        return probe == 0.0f;
    }

    private static boolean finiteF64(final double[] a, final int from, final int to)
    {
        double probe = 0.0;
        for (int i = from; i < to; i++)
        {
            probe += a[i] * 0.0;
        }
        return probe == 0.0;
    }

    private static double sumInOrder(final double[] partial)
    {
        double s = 0.0;
        for (final double p : partial)
        {
            s += p;
        }
        return s;
    }
}
