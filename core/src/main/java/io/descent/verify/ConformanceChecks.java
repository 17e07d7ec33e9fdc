package io.descent.verify;

import io.descent.backend.Availability;
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
 * The kernel checks behind {@code descent verify}: every kernel of one opened backend on seeded
 * random inputs, in each precision the backend supports, compared with {@link Reference} within
 * {@link Tolerance}. A run-time counterpart of the conformance test suite, smaller and with no
 * test framework, so that a user can check a machine's driver and device.
 *
 * <p>Each result carries the worst ratio of an observed error to the error allowed: a check
 * passes when every ratio is at most 1. A kernel that throws fails its check with the reason.
 */
public final class ConformanceChecks
{
    /** Seeds the random inputs, so that every run checks the same numbers. */
    public static final long SEED = 20_261_204L;

    private static final int UPDATE_LENGTH = 4099;
    private static final int ROWS = 517;
    private static final int COLS = 13;
    private static final int DOT_LENGTH = 10_007;

    /** What became of one check. */
    public enum Outcome
    {
        PASS, FAIL, SKIP
    }

    /**
     * @param check      the kernel and its variant, e.g. {@code update momentum (nesterov)}.
     * @param precision  the precision checked.
     * @param outcome    pass, fail, or skip when the backend refuses the precision.
     * @param worstRatio the largest observed error divided by the allowed error; NaN if none ran.
     * @param detail     the first disagreement, the exception, or the reason for a skip;
     *                   empty on a pass.
     */
    public record Result(String check, Precision precision, Outcome outcome, double worstRatio,
        String detail)
    {
    }

    private ConformanceChecks()
    {
    }

    /** Runs every check on {@code backend}, F32 first, then F64. */
    public static List<Result> run(final Backend backend)
    {
        final List<Result> results = new ArrayList<>();
        for (final Precision p : Precision.values())
        {
            if (!backend.supports(p))
            {
                results.add(new Result("all kernels", p, Outcome.SKIP, Double.NaN,
                    p + " not supported by " + backend.name()));
                continue;
            }
            final ConformanceChecks.Session s = new Session(backend, p);
            for (final UpdateRule rule : rules())
            {
                s.check("update " + describe(rule), () -> s.update(rule, false));
            }
            final UpdateRule first = UpdateRule.momentum(0.05, 0.9, 0.1, 0.0, false, false);
            s.check("update momentum (first step)", () -> s.update(first, true));
            for (final LossFunction loss : LossFunction.values())
            {
                for (final String rows : List.of("all", "range", "indices"))
                {
                    final String check = "gradient " + name(loss) + " (" + rows + " rows)";
                    s.check(check, () -> s.gradient(loss, rows));
                }
                s.check("predict " + name(loss), () -> s.predict(loss));
            }
            s.check("dot", s::dot);
            s.check("squared norm", s::squaredNorm);
            s.check("all finite", s::allFinite);
            results.addAll(s.results);
        }
        return results;
    }

    private static List<UpdateRule> rules()
    {
        return List.of(
            UpdateRule.plain(0.05, 0.01, false),
            UpdateRule.plain(0.05, 0.0, true),
            UpdateRule.momentum(0.05, 0.9, 0.1, 0.01, false, false),
            UpdateRule.momentum(0.05, 0.9, 0.0, 0.0, true, false),
            UpdateRule.ema(0.05, 0.9, 0.01, false),
            UpdateRule.velocity(0.05, 0.9, 0.0, false, false),
            UpdateRule.velocity(0.05, 0.9, 0.01, true, false));
    }

    private static String describe(final UpdateRule rule)
    {
        final String kind = rule.kind().name().toLowerCase(java.util.Locale.ROOT);
        final String extras = (rule.nesterov() ? " nesterov" : "")
            + (rule.maximize() ? " maximize" : "")
            + (rule.weightDecay() != 0.0 ? " decay" : "")
            + (rule.dampening() != 0.0 ? " dampening" : "");
        return extras.isEmpty() ? kind : kind + " (" + extras.strip() + ")";
    }

    private static String name(final LossFunction loss)
    {
        return loss == LossFunction.LEAST_SQUARES ? "least squares" : "logistic";
    }

    /** A check body: returns the worst error ratio, or throws {@link Mismatch}. */
    @FunctionalInterface
    private interface Body
    {
        double run();
    }

    private static final class Mismatch extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        private final double ratio;

        Mismatch(final String message, final double ratio)
        {
            super(message);
            this.ratio = ratio;
        }
    }

    /** The checks of one precision on one backend, with their random source. */
    private static final class Session
    {
        private final Backend backend;
        private final Precision p;
        private final SplittableRandom random = new SplittableRandom(SEED);
        private final List<Result> results = new ArrayList<>();

        Session(final Backend backend, final Precision p)
        {
            this.backend = backend;
            this.p = p;
        }

        void check(final String name, final Body body)
        {
            try
            {
                final double ratio = body.run();
                results.add(new Result(name, p, Outcome.PASS, ratio, ""));
            }
            catch (final Mismatch m)
            {
                results.add(new Result(name, p, Outcome.FAIL, m.ratio, m.getMessage()));
            }
            catch (final RuntimeException | LinkageError e)
            {
                results.add(new Result(name, p, Outcome.FAIL, Double.NaN,
                    Availability.describe(e)));
            }
        }

        double update(final UpdateRule rule, final boolean firstStep)
        {
            final double[] theta = values(UPDATE_LENGTH, 1.0);
            final double[] grad = values(UPDATE_LENGTH, 1.0);
            final double[] state = rule.kind().hasState() ? values(UPDATE_LENGTH, 1.0) : null;
            final Reference.Update expected = Reference.update(rule, theta, grad, state, firstStep);

            try (DeviceVector t = upload(theta); DeviceVector g = upload(grad);
                 DeviceVector s = state == null ? null : upload(state))
            {
                backend.update(rule, t, g, s, firstStep);
                double worst = compareUpdate("theta", t.toDoubleArray(), expected.theta(),
                    expected.thetaBound());
                if (s != null)
                {
                    worst = Math.max(worst, compareUpdate("state", s.toDoubleArray(),
                        expected.state(),
                        expected.stateBound()));
                }
                return worst;
            }
        }

        double gradient(final LossFunction loss, final String selection)
        {
            final double[] x = values(ROWS * COLS, 2.0);
            final double[] y = targets(loss);
            final double[] params = values(COLS + 1, 0.5);
            final int[] rows = selection.equals("all") ? range(0, ROWS)
                : selection.equals("range") ? range(10, 300) : randomRows(64);
            final Reference.Gradient expected = Reference.lossAndGradient(loss, x, COLS, y, params,
                rows);

            try (DeviceMatrix xm = matrix(x);
                 DeviceVector yv = upload(y);
                 DeviceVector pv = upload(params);
                 DeviceVector gv = backend.allocate(p, COLS + 1L);
                 IndexVector idx = backend.indices(rows))
            {
                final Rows selected = selection.equals("all") ? Rows.all()
                    : selection.equals("range") ? Rows.range(10, 300) : Rows.indices(idx);
                final double lossValue = backend.lossAndGradient(loss, xm, yv, pv, gv, selected);
                double worst = compareSum("loss", expected.terms(), lossValue, expected.loss(),
                    expected.lossBound());
                final double[] g = gv.toDoubleArray();
                for (int j = 0; j <= COLS; j++)
                {
                    worst = Math.max(worst, compareSum("gradient element " + j,
                        expected.terms(), g[j],
                        expected.grad()[j], expected.gradBound()[j]));
                }
                return worst;
            }
        }

        double predict(final LossFunction loss)
        {
            final double[] x = values(ROWS * COLS, 2.0);
            final double[] params = values(COLS + 1, 0.5);
            final double[] expected = Reference.predict(loss, x, ROWS, COLS, params);

            try (DeviceMatrix xm = matrix(x); DeviceVector pv = upload(params);
                 DeviceVector out = backend.allocate(p, ROWS))
            {
                backend.predict(loss, xm, pv, out);
                final double[] actual = out.toDoubleArray();
                double worst = 0.0;
                for (int i = 0; i < ROWS; i++)
                {
                    double bound = Math.abs(params[COLS]);
                    for (int j = 0; j < COLS; j++)
                    {
                        bound += Math.abs(x[i * COLS + j] * params[j]);
                    }
                    // σ has slope at most 1/4, so an error in z shrinks; its own rounding adds ε·1.
                    final double allowed = Tolerance.reduction(p, COLS + 1, bound)
                        + (loss == LossFunction.LOGISTIC ? Tolerance.update(p, 1.0) : 0.0);
                    worst = Math.max(worst,
                        ratio("prediction " + i, actual[i], expected[i], allowed));
                }
                return worst;
            }
        }

        double dot()
        {
            final double[] a = values(DOT_LENGTH, 1.0);
            final double[] b = values(DOT_LENGTH, 1.0);
            try (DeviceVector av = upload(a); DeviceVector bv = upload(b))
            {
                return compareSum("dot", DOT_LENGTH, backend.dot(av, bv), Reference.dot(a, b),
                    Reference.dotBound(a, b));
            }
        }

        double squaredNorm()
        {
            final double[] a = values(DOT_LENGTH, 1.0);
            try (DeviceVector av = upload(a))
            {
                return compareSum("squared norm", DOT_LENGTH, backend.squaredNorm(av),
                    Reference.dot(a, a),
                    Reference.dotBound(a, a));
            }
        }

        double allFinite()
        {
            final double[] a = values(DOT_LENGTH, 1.0);
            expect(finite(a), "all finite on finite values");
            for (final double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY})
            {
                for (final int at : new int[] {0, DOT_LENGTH / 2, DOT_LENGTH - 1})
                {
                    final double[] b = a.clone();
                    b[at] = bad;
                    expect(!finite(b), "all finite with " + bad + " at element " + at);
                }
            }
            return 0.0;
        }

        private boolean finite(final double[] values)
        {
            try (DeviceVector v = upload(values))
            {
                return backend.allFinite(v);
            }
        }

        private double compareUpdate(final String what, final double[] actual,
            final double[] expected,
            final double[] bound)
        {
            double worst = 0.0;
            for (int i = 0; i < expected.length; i++)
            {
                worst = Math.max(worst, ratio(what + " element " + i, actual[i], expected[i],
                    Tolerance.update(p, bound[i])));
            }
            return worst;
        }

        private double compareSum(final String what, final long terms, final double actual,
            final double expected,
            final double bound)
        {
            return ratio(what, actual, expected, Tolerance.reduction(p, terms, bound));
        }

        private static double ratio(final String what, final double actual, final double expected,
            final double allowed)
        {
            final double error = Math.abs(actual - expected);
            final double r = error / allowed;
            if (!Tolerance.agrees(actual, expected, allowed))
            {
                throw new Mismatch(what + ": expected " + expected + " +/- " + allowed + ", was "
                    + actual,
                    Double.isNaN(r) ? Double.POSITIVE_INFINITY : r);
            }
            return r;
        }

        private static void expect(final boolean condition, final String what)
        {
            if (!condition)
            {
                throw new Mismatch(what + ": wrong answer", Double.POSITIVE_INFINITY);
            }
        }

        /** Uniform values in [-scale, scale], rounded to the precision under test. */
        private double[] values(final int n, final double scale)
        {
            final double[] v = new double[n];
            for (int i = 0; i < n; i++)
            {
                final double d = scale * (2.0 * random.nextDouble() - 1.0);
                v[i] = p == Precision.F32 ? (float)d : d;
            }
            return v;
        }

        private double[] targets(final LossFunction loss)
        {
            return loss == LossFunction.LOGISTIC ? bits(ROWS) : values(ROWS, 3.0);
        }

        private double[] bits(final int n)
        {
            final double[] v = new double[n];
            for (int i = 0; i < n; i++)
            {
                v[i] = random.nextBoolean() ? 1.0 : 0.0;
            }
            return v;
        }

        private int[] randomRows(final int count)
        {
            final int[] rows = new int[count];
            for (int i = 0; i < count; i++)
            {
                rows[i] = random.nextInt(ROWS);
            }
            return rows;
        }

        private static int[] range(final int from, final int to)
        {
            final int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++)
            {
                rows[i] = from + i;
            }
            return rows;
        }

        private DeviceMatrix matrix(final double[] x)
        {
            return new DeviceMatrix(upload(x), ROWS, COLS);
        }

        private DeviceVector upload(final double[] values)
        {
            final DeviceVector v = backend.allocate(p, values.length);
            if (p == Precision.F64)
            {
                v.write(values);
            }
            else
            {
                final float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++)
                {
                    f[i] = (float)values[i];
                }
                v.write(f);
            }
            return v;
        }
    }
}
