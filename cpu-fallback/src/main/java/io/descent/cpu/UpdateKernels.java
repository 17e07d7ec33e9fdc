package io.descent.cpu;

import io.descent.backend.UpdateRule;

/**
 * The update rules of {@link UpdateRule} as fused loops over {@code [from, to)}: each array is
 * read once and written at most once per element. F32 arrays are updated in {@code float}
 * arithmetic, F64 in {@code double}, so the result is what a GPU kernel of the same precision
 * computes (up to FMA contraction). Maximising multiplies the gradient by -1, which is exact.
 *
 * <p>Loop-invariant branches (Nesterov, first step) are left to the JIT to hoist.
 */
final class UpdateKernels
{
    private UpdateKernels()
    {
    }

    static void runF32(
        final UpdateRule r, final float[] th, final float[] g, final float[] b, final boolean first,
        final int from, final int to)
    {
        final float lr = (float)r.lr();
        final float mu = (float)r.momentum();
        final float wd = (float)r.weightDecay();
        final float sign = r.maximize() ? -1.0f : 1.0f;

        switch (r.kind())
        {
            case PLAIN -> plainF32(th, g, from, to, lr, wd, sign);
            case MOMENTUM -> momentumF32(
                th, g, b, from, to, lr, mu, (float)(1.0 - r.dampening()), wd, sign,
                r.nesterov(), first);
            case EMA -> emaF32(th, g, b, from, to, lr, mu, (float)(1.0 - r.momentum()), wd, sign);
            case VELOCITY -> velocityF32(th, g, b, from, to, lr, mu, wd, sign, r.nesterov());
        }
    }

    static void runF64(
        final UpdateRule r,
        final double[] th, final double[] g, final double[] b,
        final boolean first,
        final int from, final int to)
    {
        final double lr = r.lr();
        final double mu = r.momentum();
        final double wd = r.weightDecay();
        final double sign = r.maximize() ? -1.0 : 1.0;

        switch (r.kind())
        {
            case PLAIN -> plainF64(th, g, from, to, lr, wd, sign);
            case MOMENTUM -> momentumF64(th, g, b, from, to, lr, mu, 1.0 - r.dampening(), wd, sign,
                r.nesterov(), first);
            case EMA -> emaF64(th, g, b, from, to, lr, mu, 1.0 - r.momentum(), wd, sign);
            case VELOCITY -> velocityF64(th, g, b, from, to, lr, mu, wd, sign, r.nesterov());
        }
    }

    /** θ ← θ - lr·(s·g + λθ). */
    private static void plainF32(
        final float[] th, final float[] g,
        final int from, final int to,
        final float lr, final float wd, final float sign)
    {
        for (int i = from; i < to; i++)
        {
            final float t = th[i];
            final float gi = sign * g[i] + wd * t;
            th[i] = t - lr * gi;
        }
    }

    /** b ← g (first step) or μb + (1-τ)g; θ ← θ - lr·(Nesterov ? g + μb : b). */
    private static void momentumF32(
        final float[] th, final float[] g, final float[] b,
        final int from, final int to,
        final float lr, final float mu, final float keep, final float wd, final float sign,
        final boolean nesterov, final boolean first)
    {
        for (int i = from; i < to; i++)
        {
            final float t = th[i];
            final float gi = sign * g[i] + wd * t;
            final float bi = first ? gi : mu * b[i] + keep * gi;
            b[i] = bi;
            th[i] = t - lr * (nesterov ? gi + mu * bi : bi);
        }
    }

    /** b ← βb + (1-β)g; θ ← θ - lr·b. */
    private static void emaF32(
        final float[] th, final float[] g, final float[] b,
        final int from, final int to,
        final float lr, final float beta, final float oneMinusBeta,
        final float wd, final float sign)
    {
        for (int i = from; i < to; i++)
        {
            final float t = th[i];
            final float gi = sign * g[i] + wd * t;
            final float bi = beta * b[i] + oneMinusBeta * gi;
            b[i] = bi;
            th[i] = t - lr * bi;
        }
    }

    /** v ← μv - lr·g; θ ← θ + v, or θ + μv - lr·g with Nesterov. */
    private static void velocityF32(
        final float[] th, final float[] g, final float[] v,
        final int from, final int to,
        final float lr, final float mu, final float wd, final float sign,
        final boolean nesterov)
    {
        for (int i = from; i < to; i++)
        {
            final float t = th[i];
            final float gi = sign * g[i] + wd * t;
            final float vi = mu * v[i] - lr * gi;
            v[i] = vi;
            th[i] = nesterov ? t + mu * vi - lr * gi : t + vi;
        }
    }

    private static void plainF64(
        final double[] th, final double[] g,
        final int from, final int to,
        final double lr, final double wd, final double sign)
    {
        for (int i = from; i < to; i++)
        {
            final double t = th[i];
            final double gi = sign * g[i] + wd * t;
            th[i] = t - lr * gi;
        }
    }

    private static void momentumF64(
        final double[] th, final double[] g, final double[] b,
        final int from, final int to,
        final double lr, final double mu, final double keep, final double wd, final double sign,
        final boolean nesterov, final boolean first)
    {
        for (int i = from; i < to; i++)
        {
            final double t = th[i];
            final double gi = sign * g[i] + wd * t;
            final double bi = first ? gi : mu * b[i] + keep * gi;
            b[i] = bi;
            th[i] = t - lr * (nesterov ? gi + mu * bi : bi);
        }
    }

    private static void emaF64(
        final double[] th, final double[] g, final double[] b,
        final int from, final int to,
        final double lr, final double beta, final double oneMinusBeta,
        final double wd, final double sign)
    {
        for (int i = from; i < to; i++)
        {
            final double t = th[i];
            final double gi = sign * g[i] + wd * t;
            final double bi = beta * b[i] + oneMinusBeta * gi;
            b[i] = bi;
            th[i] = t - lr * bi;
        }
    }

    private static void velocityF64(
        final double[] th, final double[] g, final double[] v,
        final int from, final int to,
        final double lr, final double mu, final double wd, final double sign,
        final boolean nesterov)
    {
        for (int i = from; i < to; i++)
        {
            final double t = th[i];
            final double gi = sign * g[i] + wd * t;
            final double vi = mu * v[i] - lr * gi;
            v[i] = vi;
            th[i] = nesterov ? t + mu * vi - lr * gi : t + vi;
        }
    }
}
