package io.descent.cpu;

import io.descent.backend.LossFunction;
import io.descent.backend.Rows;

/**
 * Loss, gradient and prediction of the linear and logistic models in one pass over the
 * selected rows: each row yields its residual and adds its contribution to the gradient while
 * it is still in cache.
 *
 * <p>Rows are taken in fixed blocks of {@link #ROWS_PER_CHUNK}; every block yields its own
 * partial loss and gradient in {@code double}, and the blocks are summed in order, so the result
 * does not depend on the number of threads. F64 data is reduced in {@code double} throughout.
 *
 * <p>F32 data is reduced in {@code float} inside a block and in {@code double} across blocks,
 * because C2 (JDK 17) does not vectorise a loop that feeds a {@code double} accumulator from a
 * {@code float[]} row. Within a block, zᵢ = Σⱼ xᵢⱼ·wⱼ is formed eight rows at a time with scalar
 * FMAs (each wⱼ load serves eight rows and the eight rows' chains hide the FMA latency; C2
 * does not vectorise a reduction), and the block's gradient gⱼ = Σᵢ rᵢ·xᵢⱼ four rows per pass
 * over j in a same-typed loop that C2 does vectorise. w is rounded to {@code float} once per
 * call. The {@code float} error is bounded by n terms for zᵢ and by {@link #ROWS_PER_CHUNK}
 * terms for gⱼ, never by the row count.
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

        if (x instanceof float[] f && y instanceof float[] targets)
        {
            final float[] wF32 = new float[n];
            for (int j = 0; j < n; j++)
            {
                wF32[j] = (float)w[j];
            }
            chunks.run(blocks, (long)count * (n + 1), c ->
            {
                final double[] acc = new double[n + 1];
                partialLoss[c] = blockF32(loss, f, targets, n, wF32, w[n], sel, c, count, acc);
                partialGrad[c] = acc;
            });
            return combine(partialLoss, partialGrad, blocks, n, count, grad);
        }

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
        return combine(partialLoss, partialGrad, blocks, n, count, grad);
    }

    /**
     * Sums the blocks' partials in block order: grad = (Σ_c partialGrad[c]) / count.
     *
     * @return (Σ_c partialLoss[c]) / count.
     */
    private static double combine(
        final double[] partialLoss, final double[][] partialGrad, final int blocks, final int n,
        final int count, final double[] grad)
    {
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

    /**
     * Loss and gradient of block {@code c} of F32 rows: writes Σᵢ rᵢ·xᵢ into acc[0, n) and Σᵢ rᵢ
     * into acc[n], where zᵢ = xᵢ·w + b and rᵢ = zᵢ - yᵢ (least squares) or σ(zᵢ) - yᵢ.
     *
     * @return the block's summed loss, in {@code double}.
     */
    private static double blockF32(
        final LossFunction loss, final float[] x, final float[] y, final int n, final float[] w,
        final double bias, final Selection sel, final int c, final int count, final double[] acc)
    {
        final int first = c * ROWS_PER_CHUNK;
        final int rows = Math.min(count, first + ROWS_PER_CHUNK) - first;
        final int[] base = new int[rows];
        final float[] z = new float[rows];
        final float[] residual = new float[rows];
        final float[] accF32 = new float[n];

        for (int i = 0; i < rows; i++)
        {
            base[i] = sel.row(first + i) * n;
        }

        dotRows(x, base, w, n, z);

        double sum = 0.0;
        double residualSum = 0.0;
        for (int i = 0; i < rows; i++)
        {
            final double zi = bias + z[i];
            final double target = y[sel.row(first + i)];
            final double r;
            if (loss == LossFunction.LEAST_SQUARES)
            {
                r = zi - target;
                sum += 0.5 * r * r;
            }
            else
            {
                r = sigmoid(zi) - target;
                sum += Math.max(zi, 0.0) + Math.log1p(Math.exp(-Math.abs(zi))) - target * zi;
            }
            residual[i] = (float)r;
            residualSum += r;
        }
        axpyRows(x, base, residual, n, accF32);

        for (int j = 0; j < n; j++)
        {
            acc[j] = accF32[j];
        }
        acc[n] = residualSum;
        return sum;
    }

    /**
     * z[i] = Σⱼ x[base[i] + j]·w[j] for every i, in {@code float}, one FMA chain per row in
     * ascending j (a fixed order, the same for the last rows of a block, so a row's z does not
     * depend on the caller or on where the row falls in the block).
     *
     * <p>Eight rows share each pass over j: the loop is bound by loads, not FMAs, and one load
     * of w[j] then serves eight rows (1.125 loads per term, where four rows with two chains each
     * took 1.25). Eight chains are also enough to cover the FMA latency without splitting a row.
     * A transposed tile, summed across rows with a vectorised FMA, was tried and lost: C2
     * leaves the transposition scalar, and it cost more than the sum saved (1.6× to 3× slower).
     */
    private static void dotRows(
        final float[] x, final int[] base, final float[] w, final int n, final float[] z)
    {
        final int to = base.length;
        int i = 0;
        for (; i + 7 < to; i += 8)
        {
            final int b0 = base[i];
            final int b1 = base[i + 1];
            final int b2 = base[i + 2];
            final int b3 = base[i + 3];
            final int b4 = base[i + 4];
            final int b5 = base[i + 5];
            final int b6 = base[i + 6];
            final int b7 = base[i + 7];
            float s0 = 0.0f;
            float s1 = 0.0f;
            float s2 = 0.0f;
            float s3 = 0.0f;
            float s4 = 0.0f;
            float s5 = 0.0f;
            float s6 = 0.0f;
            float s7 = 0.0f;
            for (int j = 0; j < n; j++)
            {
                final float u = w[j];
                s0 = Math.fma(x[b0 + j], u, s0);
                s1 = Math.fma(x[b1 + j], u, s1);
                s2 = Math.fma(x[b2 + j], u, s2);
                s3 = Math.fma(x[b3 + j], u, s3);
                s4 = Math.fma(x[b4 + j], u, s4);
                s5 = Math.fma(x[b5 + j], u, s5);
                s6 = Math.fma(x[b6 + j], u, s6);
                s7 = Math.fma(x[b7 + j], u, s7);
            }
            z[i] = s0;
            z[i + 1] = s1;
            z[i + 2] = s2;
            z[i + 3] = s3;
            z[i + 4] = s4;
            z[i + 5] = s5;
            z[i + 6] = s6;
            z[i + 7] = s7;
        }
        for (; i < to; i++)
        {
            final int b = base[i];
            float s = 0.0f;
            for (int j = 0; j < n; j++)
            {
                s = Math.fma(x[b + j], w[j], s);
            }
            z[i] = s;
        }
    }

    /**
     * acc[j] += Σᵢ r[i]·x[base[i] + j] for j in [0, n), four rows per pass over j.
     *
     * <p>The four rows are first copied to scratch arrays indexed from 0, like acc: C2 (JDK 17)
     * vectorises a loop only when it can order every load against every store, and it cannot
     * order acc[j] against x[b + j] with a loop-invariant b, so reading x in place leaves the
     * loop scalar. The copies run in the {@code arraycopy} stub and cost less than they save.
     */
    private static void axpyRows(
        final float[] x, final int[] base, final float[] r, final int n, final float[] acc)
    {
        final int to = base.length;
        final float[] row0 = new float[n];
        final float[] row1 = new float[n];
        final float[] row2 = new float[n];
        final float[] row3 = new float[n];
        int i = 0;
        for (; i + 3 < to; i += 4)
        {
            System.arraycopy(x, base[i], row0, 0, n);
            System.arraycopy(x, base[i + 1], row1, 0, n);
            System.arraycopy(x, base[i + 2], row2, 0, n);
            System.arraycopy(x, base[i + 3], row3, 0, n);
            final float r0 = r[i];
            final float r1 = r[i + 1];
            final float r2 = r[i + 2];
            final float r3 = r[i + 3];
            for (int j = 0; j < n; j++)
            {
                acc[j] += (r0 * row0[j] + r1 * row1[j]) + (r2 * row2[j] + r3 * row3[j]);
            }
        }
        for (; i < to; i++)
        {
            System.arraycopy(x, base[i], row0, 0, n);
            final float ri = r[i];
            for (int j = 0; j < n; j++)
            {
                acc[j] += ri * row0[j];
            }
        }
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
