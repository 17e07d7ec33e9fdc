package io.descent.verify;

import io.descent.backend.LossFunction;
import io.descent.backend.UpdateRule;

/**
 * The scalar reference every backend is checked against: each formula written out plainly,
 * element by element, in double precision, straight from {@link UpdateRule} and
 * {@link LossFunction}. Alongside each value it computes the magnitude bound used by
 * {@link Tolerance}: the same expression on absolute values.
 *
 * <p>Inputs are the values the backend saw (F32 inputs widened exactly), so only the backend's
 * arithmetic is under test.
 */
public final class Reference
{
    private Reference()
    {
    }

    /** Expected parameters and state after one update, with magnitude bounds. */
    public record Update(double[] theta, double[] thetaBound, double[] state, double[] stateBound)
    {
    }

    /** Expected loss and gradient, with magnitude bounds and the number of terms summed. */
    public record Gradient(
        double loss, double lossBound, double[] grad, double[] gradBound, long terms)
    {
    }

    /**
     * Applies {@code rule} once. Reads all arrays; returns new arrays. {@code state} may be
     * null for {@code PLAIN}.
     */
    public static Update update(
        final UpdateRule rule,
        final double[] theta,
        final double[] grad,
        final double[] state,
        final boolean firstStep)
    {
        final int n = theta.length;
        final double[] t = new double[n];
        final double[] tb = new double[n];
        final double[] s = new double[n];
        final double[] sb = new double[n];
        final double lr = rule.lr();
        final double mu = rule.momentum();

        for (int i = 0; i < n; i++)
        {
            double g = rule.maximize() ? -grad[i] : grad[i];
            double ag = Math.abs(g);
            g = g + rule.weightDecay() * theta[i];
            ag = ag + rule.weightDecay() * Math.abs(theta[i]);
            final double b = state == null ? 0.0 : state[i];

            switch (rule.kind())
            {
                case PLAIN ->
                {
                    t[i] = theta[i] - lr * g;
                    tb[i] = Math.abs(theta[i]) + lr * ag;
                }
                case MOMENTUM ->
                {
                    s[i] = firstStep ? g : mu * b + (1.0 - rule.dampening()) * g;
                    sb[i] = firstStep ? ag : mu * Math.abs(b) + (1.0 - rule.dampening()) * ag;
                    final double d = rule.nesterov() ? g + mu * s[i] : s[i];
                    final double ad = rule.nesterov() ? ag + mu * sb[i] : sb[i];
                    t[i] = theta[i] - lr * d;
                    tb[i] = Math.abs(theta[i]) + lr * ad;
                }
                case EMA ->
                {
                    s[i] = mu * b + (1.0 - mu) * g;
                    sb[i] = mu * Math.abs(b) + (1.0 - mu) * ag;
                    t[i] = theta[i] - lr * s[i];
                    tb[i] = Math.abs(theta[i]) + lr * sb[i];
                }
                case VELOCITY ->
                {
                    s[i] = mu * b - lr * g;
                    sb[i] = mu * Math.abs(b) + lr * ag;
                    t[i] = rule.nesterov() ? theta[i] + mu * s[i] - lr * g : theta[i] + s[i];
                    tb[i] = Math.abs(theta[i]) + (rule.nesterov() ? mu * sb[i] + lr * ag : sb[i]);
                }
            }
        }
        return new Update(t, tb, state == null ? null : s, state == null ? null : sb);
    }

    /**
     * Loss and gradient over the rows {@code rows} of the row-major {@code x} ({@code m x n}),
     * with {@code params} holding n weights then the intercept.
     */
    public static Gradient lossAndGradient(
        final LossFunction loss,
        final double[] x,
        final int n,
        final double[] y,
        final double[] params,
        final int[] rows)
    {
        final int m = rows.length;
        final double[] grad = new double[n + 1];
        final double[] bound = new double[n + 1];
        double total = 0.0;
        double totalBound = 0.0;

        for (final int row : rows)
        {
            double z = params[n];
            double az = Math.abs(params[n]);
            for (int j = 0; j < n; j++)
            {
                z += x[row * n + j] * params[j];
                az += Math.abs(x[row * n + j] * params[j]);
            }
            final double r;
            final double ar;
            if (loss == LossFunction.LEAST_SQUARES)
            {
                r = z - y[row];
                ar = az + Math.abs(y[row]);
                total += 0.5 * r * r;
                totalBound += 0.5 * ar * ar;
            }
            else
            {
                r = sigmoid(z) - y[row];
                ar = az + Math.abs(y[row]) + 1.0;
                total += Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))) - y[row] * z;
                totalBound += az * (1.0 + Math.abs(y[row])) + 1.0;
            }
            for (int j = 0; j < n; j++)
            {
                grad[j] += r * x[row * n + j];
                bound[j] += ar * Math.abs(x[row * n + j]);
            }
            grad[n] += r;
            bound[n] += ar;
        }

        for (int j = 0; j <= n; j++)
        {
            grad[j] /= m;
            bound[j] /= m;
        }
        return new Gradient(total / m, totalBound / m, grad, bound, (long)m + n + 1);
    }

    /** Predictions zᵢ or σ(zᵢ) for every row. */
    public static double[] predict(
        final LossFunction loss, final double[] x, final int m, final int n, final double[] params)
    {
        final double[] out = new double[m];
        for (int i = 0; i < m; i++)
        {
            double z = params[n];
            for (int j = 0; j < n; j++)
            {
                z += x[i * n + j] * params[j];
            }
            out[i] = loss == LossFunction.LOGISTIC ? sigmoid(z) : z;
        }
        return out;
    }

    /** σ(z) = 1 / (1 + e^{-z}), evaluated through e^{-|z|} so it never overflows. */
    public static double sigmoid(final double z)
    {
        final double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    /** @return Σ aᵢbᵢ. */
    public static double dot(final double[] a, final double[] b)
    {
        double s = 0.0;
        for (int i = 0; i < a.length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    /** @return Σ |aᵢbᵢ|, the magnitude bound of {@link #dot}. */
    public static double dotBound(final double[] a, final double[] b)
    {
        double s = 0.0;
        for (int i = 0; i < a.length; i++)
        {
            s += Math.abs(a[i] * b[i]);
        }
        return s;
    }
}
