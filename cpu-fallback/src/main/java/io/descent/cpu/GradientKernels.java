package io.descent.cpu;

import io.descent.backend.LossFunction;
import io.descent.backend.Rows;

/**
 * Loss, gradient and prediction of the linear and logistic models in one pass over the
 * selected rows: each row yields its residual and adds its contribution to the gradient while
 * it is still in cache.
 *
 * <p>Rows are taken in fixed blocks of {@link #ROWS_PER_CHUNK}; every block accumulates its own
 * partial loss and gradient in {@code double}, and the blocks are summed in order, so the result
 * does not depend on the number of threads. F32 data is widened to {@code double} as it is read.
 */
final class GradientKernels
{
    /** Rows per block of the gradient reduction. */
    static final int ROWS_PER_CHUNK = 256;

    private GradientKernels()
    {
    }

    /** Where the selected rows are: a row index for every position {@code p} in [0, count). */
    record Selection(Rows.Kind kind, int start, int[] indices)
    {
        int row(final int p)
        {
            return kind == Rows.Kind.INDICES ? indices[start + p] : start + p;
        }
    }

    /**
     * Computes the mean loss over {@code count} selected rows and writes the mean gradient into
     * {@code grad} (length n + 1, intercept last). Reads x, y, w.
     *
     * @param x F32 ({@code float[]}) or F64 ({@code double[]}) row-major data with n columns.
     * @param y targets, same type as x.
     * @param w weights then intercept, widened to double.
     */
    static double lossAndGradient(
        final Chunks chunks, final LossFunction loss, final Object x, final Object y, final int n,
        final double[] w, final Selection sel, final int count, final double[] grad)
    {
        final int blocks = Chunks.count(count, ROWS_PER_CHUNK);
        final double[][] partialGrad = new double[blocks][];
        final double[] partialLoss = new double[blocks];

        chunks.run(blocks, (long)count * (n + 1), c ->
        {
            final double[] acc = new double[n + 1];
            final int end = Math.min(count, (c + 1) * ROWS_PER_CHUNK);
            double sum = 0.0;
            for (int p = c * ROWS_PER_CHUNK; p < end; p++)
            {
                final int row = sel.row(p);
                final long base = (long)row * n;
                final double z = w[n] + rowDot(x, base, w, n);
                final double target = y instanceof float[] f ? f[row] : ((double[])y)[row];
                final double r;
                if (loss == LossFunction.LEAST_SQUARES)
                {
                    r = z - target;
                    sum += 0.5 * r * r;
                }
                else
                {
                    r = sigmoid(z) - target;
                    sum += Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))) - target * z;
                }
                rowAxpy(x, base, r, acc, n);
                acc[n] += r;
            }
            partialGrad[c] = acc;
            partialLoss[c] = sum;
        });

        double total = 0.0;
        java.util.Arrays.fill(grad, 0.0);
        for (int c = 0; c < blocks; c++)
        {
            total += partialLoss[c];
            final double[] acc = partialGrad[c];
            for (int j = 0; j <= n; j++)
            {
                grad[j] += acc[j];
            }
        }
        for (int j = 0; j <= n; j++)
        {
            grad[j] /= count;
        }
        return total / count;
    }

    /** Writes zᵢ or σ(zᵢ) for rows {@code [0, m)} into {@code out} (double[] or float[]). */
    static void predict(
        final Chunks chunks, final LossFunction loss, final Object x, final int m, final int n,
        final double[] w, final Object out)
    {
        final int blocks = Chunks.count(m, ROWS_PER_CHUNK);
        chunks.run(blocks, (long)m * n, c ->
        {
            final int end = Math.min(m, (c + 1) * ROWS_PER_CHUNK);
            for (int row = c * ROWS_PER_CHUNK; row < end; row++)
            {
                final double z = w[n] + rowDot(x, (long)row * n, w, n);
                final double value = loss == LossFunction.LOGISTIC ? sigmoid(z) : z;
                if (out instanceof float[] f)
                {
                    f[row] = (float)value;
                }
                else
                {
                    ((double[])out)[row] = value;
                }
            }
        });
    }

    /** σ(z) through e^{-|z|}: never overflows, never NaN for finite z. */
    static double sigmoid(final double z)
    {
        final double e = Math.exp(-Math.abs(z));
        return z >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    /** Σⱼ x[base + j]·w[j] with four independent accumulators (a fixed order). */
    private static double rowDot(final Object x, final long base, final double[] w, final int n)
    {
        final int b = (int)base;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int j = 0;
        if (x instanceof float[] f)
        {
            for (; j + 3 < n; j += 4)
            {
                s0 += f[b + j] * w[j];
                s1 += f[b + j + 1] * w[j + 1];
                s2 += f[b + j + 2] * w[j + 2];
                s3 += f[b + j + 3] * w[j + 3];
            }
            for (; j < n; j++)
            {
                s0 += f[b + j] * w[j];
            }
        }
        else
        {
            final double[] d = (double[])x;
            for (; j + 3 < n; j += 4)
            {
                s0 += d[b + j] * w[j];
                s1 += d[b + j + 1] * w[j + 1];
                s2 += d[b + j + 2] * w[j + 2];
                s3 += d[b + j + 3] * w[j + 3];
            }
            for (; j < n; j++)
            {
                s0 += d[b + j] * w[j];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** acc[j] += r·x[base + j] for j in [0, n). */
    private static void rowAxpy(
        final Object x, final long base, final double r, final double[] acc, final int n)
    {
        final int b = (int)base;
        if (x instanceof float[] f)
        {
            for (int j = 0; j < n; j++)
            {
                acc[j] += r * f[b + j];
            }
        }
        else
        {
            final double[] d = (double[])x;
            for (int j = 0; j < n; j++)
            {
                acc[j] += r * d[b + j];
            }
        }
    }
}
