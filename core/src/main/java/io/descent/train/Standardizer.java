package io.descent.train;

import io.descent.data.Dataset;

/**
 * Per-feature affine scaling x'ⱼ = (xⱼ - meanⱼ) / scaleⱼ, fitted on the training data and kept
 * with the model so that predictions scale new rows the same way.
 *
 * <p>{@link #fit} uses the mean and the population standard deviation (divisor m) of each
 * column. A constant column has standard deviation 0: it is centred but left unscaled (scale 1),
 * so it becomes all zeros and its weight stays at its initial 0 under plain training.
 *
 * <p>When a column's sum or sum of squares overflows (values near 1e300, say), its moments are
 * taken again over the values divided by the column's largest magnitude, so huge values are
 * scaled rather than turned into infinities.
 */
public final class Standardizer
{
    private final double[] means;
    private final double[] scales;

    private Standardizer(final double[] means, final double[] scales)
    {
        this.means = means;
        this.scales = scales;
    }

    /** @return the scaling that changes nothing, for {@code cols} features. */
    public static Standardizer identity(final int cols)
    {
        final double[] scales = new double[cols];
        java.util.Arrays.fill(scales, 1.0);
        return new Standardizer(new double[cols], scales);
    }

    /** @return means and standard deviations of the columns of {@code data}. */
    public static Standardizer fit(final Dataset data)
    {
        final int n = data.cols();
        final double[] means = new double[n];
        final double[] scales = new double[n];
        for (int j = 0; j < n; j++)
        {
            double unit = 1.0;
            double[] moments = moments(data, j, unit);
            if (!Double.isFinite(moments[1]))
            {
                unit = largestMagnitude(data, j);
                moments = moments(data, j, unit);
            }
            means[j] = moments[0] * unit;
            scales[j] = moments[1] > 0.0 ? moments[1] * unit : 1.0;
        }
        return new Standardizer(means, scales);
    }

    /** @return the mean and the population standard deviation of column / unit. */
    private static double[] moments(final Dataset data, final int col, final double unit)
    {
        final int m = data.rows();
        double sum = 0.0;
        for (int i = 0; i < m; i++)
        {
            sum += data.feature(i, col) / unit;
        }
        final double mean = sum / m;
        double squares = 0.0;
        for (int i = 0; i < m; i++)
        {
            final double d = data.feature(i, col) / unit - mean;
            squares += d * d;
        }
        return new double[] {mean, Math.sqrt(squares / m)};
    }

    private static double largestMagnitude(final Dataset data, final int col)
    {
        double largest = 0.0;
        for (int i = 0; i < data.rows(); i++)
        {
            largest = Math.max(largest, Math.abs(data.feature(i, col)));
        }
        return largest;
    }

    /** @return the number of features. */
    public int cols()
    {
        return means.length;
    }

    /** @return a copy of the subtracted means. */
    public double[] means()
    {
        return means.clone();
    }

    /** @return a copy of the divisors (1 for constant columns and for the identity). */
    public double[] scales()
    {
        return scales.clone();
    }

    /**
     * @param features row-major values with {@link #cols()} columns; read, not modified.
     * @return a new array of the scaled values.
     */
    public double[] apply(final double[] features)
    {
        final int n = means.length;
        if (n == 0 ? features.length != 0 : features.length % n != 0)
        {
            throw new IllegalArgumentException("feature array length must be a multiple of " + n
                + ": length="
                + features.length);
        }
        final double[] out = new double[features.length];
        for (int k = 0; k < features.length; k++)
        {
            final int j = k % n;
            out[k] = (features[k] - means[j]) / scales[j];
        }
        return out;
    }
}
