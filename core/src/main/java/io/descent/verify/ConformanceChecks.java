package io.descent.verify;

import io.descent.backend.Backend;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.Precision;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The kernel checks behind {@code descent verify}: every update rule, both losses over every
 * kind of row selection, and the reductions, on seeded random data in each precision the
 * backend supports, compared with {@link Reference} within {@link Tolerance}. A shorter run of
 * the same contract that the JUnit conformance suite pins down in full.
 */
public final class ConformanceChecks
{
    private static final long SEED = 20261204L;
    private static final int[] SIZES = {1, 1023, 65537};

    /**
     * One check's outcome.
     *
     * @param kernel   what was checked, e.g. {@code update MOMENTUM nesterov n=1023}.
     * @param passed   whether every element agreed.
     * @param detail   the worst disagreement relative to its tolerance, or why it was skipped.
     * @param skipped  true when the backend does not support the precision.
     */
    public record Result(
        String kernel, Precision precision, boolean passed, boolean skipped, String detail)
    {
    }

    private ConformanceChecks()
    {
    }

    /** Runs every check on {@code backend}; never throws for a disagreement, only reports it. */
    public static List<Result> run(final Backend backend)
    {
        final List<Result> results = new ArrayList<>();
        for (final Precision p : Precision.values())
        {
            if (!backend.supports(p))
            {
                results.add(new Result(
                    "all kernels", p, true, true, backend.name() + " does not support " + p));
                continue;
            }
            for (final UpdateRule rule : rules())
            {
                for (final int n : SIZES)
                {
                    results.add(guard(
                        describe(rule) + " n=" + n, p, () -> checkUpdate(backend, p, rule, n)));
                }
            }
            for (final LossFunction loss : LossFunction.values())
            {
                for (final Rows.Kind kind : Rows.Kind.values())
                {
                    results.add(guard(
                        "gradient " + loss + " " + kind,
                        p,
                        () -> checkGradient(backend, p, loss, kind)));
                }
            }
            results.add(guard("dot n=65537", p, () -> checkDot(backend, p, 65537)));
        }
        return results;
    }

    /** @return true when no result failed. */
    public static boolean allPassed(final List<Result> results)
    {
        return results.stream().allMatch(Result::passed);
    }

    private interface Check
    {
        /** @return the worst |error| / tolerance seen; at most 1 means agreement. */
        double run();
    }

    private static Result guard(final String kernel, final Precision p, final Check check)
    {
        try
        {
            final double worst = check.run();
            final boolean ok = worst <= 1.0;
            return new Result(
                kernel, p, ok, false, String.format("worst error %.3g of tolerance", worst));
        }
        catch (final RuntimeException e)
        {
            return new Result(
                kernel, p, false, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static List<UpdateRule> rules()
    {
        return List.of(
            UpdateRule.plain(0.05, 0.01, false),
            UpdateRule.momentum(0.1, 0.9, 0.1, 0.0, false, false),
            UpdateRule.momentum(0.1, 0.9, 0.0, 0.01, true, false),
            UpdateRule.ema(0.1, 0.9, 0.0, true),
            UpdateRule.velocity(0.1, 0.9, 0.0, false, false),
            UpdateRule.velocity(0.1, 0.9, 0.0, true, false));
    }

    private static String describe(final UpdateRule r)
    {
        return "update " + r.kind() + (r.nesterov() ? " nesterov" : "");
    }

    private static double checkUpdate(
        final Backend backend, final Precision p, final UpdateRule rule, final int n)
    {
        final double[] theta = random(p, n, 1);
        final double[] grad = random(p, n, 2);
        final double[] state = rule.kind().hasState() ? random(p, n, 3) : null;
        final Reference.Update expected = Reference.update(rule, theta, grad, state, false);

        try (DeviceVector t = backend.vector(p, theta);
             DeviceVector g = backend.vector(p, grad);
             DeviceVector s = state == null ? null : backend.vector(p, state))
        {
            backend.update(rule, t, g, s, false);
            double worst = worstElementwise(
                p, t.toDoubleArray(), expected.theta(), expected.thetaBound());
            if (s != null)
            {
                worst = Math.max(worst, worstElementwise(
                    p, s.toDoubleArray(), expected.state(), expected.stateBound()));
            }
            return worst;
        }
    }

    private static double checkGradient(
        final Backend backend, final Precision p, final LossFunction loss, final Rows.Kind kind)
    {
        final int m = 777;
        final int n = 33;
        final double[] x = random(p, m * n, 4);
        final double[] y = loss == LossFunction.LOGISTIC ? labels(m) : random(p, m, 5);
        final double[] params = random(p, n + 1, 6);
        final int[] rows = kind == Rows.Kind.ALL ? range(0, m)
            : kind == Rows.Kind.RANGE ? range(100, 356) : shuffled(m, 256);

        try (DeviceMatrix dx = new DeviceMatrix(backend.vector(p, x), m, n);
             DeviceVector dy = backend.vector(p, y);
             DeviceVector dp = backend.vector(p, params);
             DeviceVector dg = backend.allocate(p, n + 1);
             IndexVector idx = backend.indices(rows))
        {
            final Rows selection = kind == Rows.Kind.ALL ? Rows.all()
                : kind == Rows.Kind.RANGE ? Rows.range(100, 356) : Rows.indices(idx);
            final double value = backend.lossAndGradient(loss, dx, dy, dp, dg, selection);
            final Reference.Gradient ref = Reference.lossAndGradient(loss, x, n, y, params, rows);

            double worst = ratio(
                value, ref.loss(), Tolerance.reduction(p, ref.terms(), ref.lossBound()));
            final double[] grad = dg.toDoubleArray();
            for (int j = 0; j <= n; j++)
            {
                worst = Math.max(worst, ratio(grad[j], ref.grad()[j],
                    Tolerance.reduction(p, ref.terms(), ref.gradBound()[j])));
            }
            return worst;
        }
    }

    private static double checkDot(final Backend backend, final Precision p, final int n)
    {
        final double[] a = random(p, n, 7);
        final double[] b = random(p, n, 8);
        try (DeviceVector da = backend.vector(p, a); DeviceVector db = backend.vector(p, b))
        {
            final double allowed = Tolerance.reduction(p, n, Reference.dotBound(a, b));
            return Math.max(ratio(backend.dot(da, db), Reference.dot(a, b), allowed),
                ratio(backend.squaredNorm(da), Reference.dot(a, a),
                    Tolerance.reduction(p, n, Reference.dotBound(a, a))));
        }
    }

    private static double worstElementwise(
        final Precision p, final double[] actual, final double[] expected, final double[] bound)
    {
        double worst = 0.0;
        for (int i = 0; i < expected.length; i++)
        {
            worst = Math.max(worst, ratio(actual[i], expected[i], Tolerance.update(p, bound[i])));
        }
        return worst;
    }

    /** @return |a - e| / allowed, or infinity when a non-finite expectation is not matched. */
    private static double ratio(final double actual, final double expected, final double allowed)
    {
        if (!Tolerance.agrees(actual, expected, allowed))
        {
            return Double.isFinite(actual) && Double.isFinite(expected)
                ? Math.abs(actual - expected) / allowed : Double.POSITIVE_INFINITY;
        }
        return Double.isFinite(expected) ? Math.abs(actual - expected) / allowed : 0.0;
    }

    private static double[] random(final Precision p, final int n, final long salt)
    {
        final SplittableRandom random = new SplittableRandom(SEED * 31 + salt);
        final double[] v = new double[n];
        for (int i = 0; i < n; i++)
        {
            final double d = random.nextDouble() * 2.0 - 1.0;
            v[i] = p == Precision.F32 ? (float)d : d;
        }
        return v;
    }

    private static double[] labels(final int m)
    {
        final double[] y = new double[m];
        for (int i = 0; i < m; i++)
        {
            y[i] = i % 3 == 0 ? 1.0 : 0.0;
        }
        return y;
    }

    private static int[] range(final int from, final int to)
    {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    private static int[] shuffled(final int m, final int count)
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        return random.ints(count, 0, m).toArray();
    }
}
