package io.descent.conformance;

import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.backend.BackendStatus;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.ParameterBlock;
import io.descent.memory.Precision;
import io.descent.optim.Momentum;
import io.descent.optim.Optimizer;
import io.descent.verify.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every backend passes: each kernel against {@link Reference} within the named
 * tolerances of {@link io.descent.verify.Tolerance}, on seeded random data and edge cases, in
 * F32 and F64. A backend module subclasses this and names its backend.
 *
 * <p>When the backend cannot run on this machine, every test is skipped by an assumption that
 * carries the probe's reason, unless the system property {@value Requirement#PROPERTY} names the
 * backend, in which case the suite fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceTest
{
    /** Edge sizes: empty, one, around a vector width, around and past powers of two. */
    static final int[] SIZES = {0, 1, 7, 8, 9, 1023, 65537, (1 << 18) + 3};

    protected Backend backend;

    /** @return the short name of the backend under test. */
    protected abstract String backendName();

    private BackendStatus status;

    @BeforeAll
    void openBackend()
    {
        final BackendRegistry registry = BackendRegistry.load();
        status = registry.status(backendName());
        if (status.available())
        {
            backend = registry.open(backendName());
        }
    }

    /** Skips (or, when required, fails) each test, so reports count every skipped test. */
    @BeforeEach
    void requireBackend()
    {
        Requirement.assumeAvailable(status);
    }

    @AfterAll
    void closeBackend()
    {
        if (backend != null)
        {
            backend.close();
        }
    }

    Stream<Arguments> rulesAndSizes()
    {
        final List<Arguments> out = new ArrayList<>();
        for (final Precision p : Precision.values())
        {
            for (final UpdateRule rule : rules())
            {
                for (final int n : SIZES)
                {
                    out.add(Arguments.of(p, rule, n));
                }
            }
        }
        return out.stream();
    }

    static List<UpdateRule> rules()
    {
        return List.of(
            UpdateRule.plain(0.1, 0.0, false),
            UpdateRule.plain(0.05, 0.01, true),
            UpdateRule.momentum(0.1, 0.9, 0.0, 0.0, false, false),
            UpdateRule.momentum(0.1, 0.8, 0.3, 0.02, false, true),
            UpdateRule.momentum(0.1, 0.9, 0.0, 0.01, true, false),
            UpdateRule.ema(0.1, 0.9, 0.0, false),
            UpdateRule.ema(0.2, 0.5, 0.03, true),
            UpdateRule.velocity(0.1, 0.9, 0.0, false, false),
            UpdateRule.velocity(0.1, 0.9, 0.01, true, false));
    }

    @ParameterizedTest(name = "{0} {1} n={2}")
    @MethodSource("rulesAndSizes")
    void updateMatchesReferenceOverThreeSteps(final Precision p, final UpdateRule rule, final int n)
    {
        assumePrecision(p);
        double[] theta = TestData.uniform(p, n, 2.0, 1);
        double[] state = rule.kind().hasState() ? new double[n] : null;

        try (DeviceVector t = TestData.upload(backend, p, theta);
             DeviceVector g = backend.allocate(p, n);
             DeviceVector s = rule.kind().hasState() ? backend.allocate(p, n) : null)
        {
            for (int step = 0; step < 3; step++)
            {
                final double[] grad = TestData.uniform(p, n, 1.0, 100 + step);
                write(g, p, grad);
                final Reference.Update expected =
                    Reference.update(rule, theta, grad, state, step == 0);

                backend.update(rule, t, g, s, step == 0);

                theta = t.toDoubleArray();
                Agreement.elementwise(
                    rule + " theta, step " + step,
                    p,
                    theta,
                    expected.theta(),
                    expected.thetaBound());
                if (s != null)
                {
                    state = s.toDoubleArray();
                    Agreement.elementwise(
                        rule + " state, step " + step,
                        p,
                        state,
                        expected.state(),
                        expected.stateBound());
                }
                assertArrayEquals(grad, g.toDoubleArray(), "the gradient is read, never written");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void nonFiniteGradientsPropagateAsInTheReference(final Precision p)
    {
        assumePrecision(p);
        final double[] grad = {
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            1.0, -2.0, 0.0, 3.5, 0.25, -0.5};
        final double[] theta = TestData.uniform(p, grad.length, 1.0, 7);

        for (final UpdateRule rule : rules())
        {
            checkOneStep(p, rule, theta, grad, new double[grad.length], true);
            checkOneStep(p, rule, theta, grad, TestData.uniform(p, grad.length, 1.0, 8), false);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void subnormalInputsStayWithinTheFloor(final Precision p)
    {
        assumePrecision(p);
        final double tiny = p == Precision.F32 ? Float.MIN_VALUE : Double.MIN_VALUE;
        final double normal = p == Precision.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        final double[] theta = {tiny, -tiny, 3 * tiny, normal, 0.0, -normal, 17 * tiny, tiny};
        final double[] grad = {tiny, tiny, -tiny, normal / 2, 5 * tiny, normal, -tiny, 0.0};

        for (final UpdateRule rule : rules())
        {
            checkOneStep(p, rule, theta, grad, grad.clone(), false);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void zeroLearningRateLeavesParametersExactlyUnchanged(final Precision p)
    {
        assumePrecision(p);
        final int n = 1029;
        final double[] theta = TestData.uniform(p, n, 3.0, 11);
        final double[] grad = TestData.uniform(p, n, 3.0, 12);

        for (final UpdateRule rule : rules())
        {
            final UpdateRule frozen = rule.withLearningRate(0.0);
            try (DeviceVector t = TestData.upload(backend, p, theta);
                 DeviceVector g = TestData.upload(backend, p, grad);
                 DeviceVector s = rule.kind().hasState() ? backend.allocate(p, n) : null)
            {
                backend.update(frozen, t, g, s, true);
                assertArrayEquals(theta, t.toDoubleArray(), frozen + " with lr = 0 changed theta");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void updateIsElementwiseWhateverTheLength(final Precision p)
    {
        assumePrecision(p);
        final int n = 65537;
        final double[] theta = TestData.uniform(p, n, 1.0, 21);
        final double[] grad = TestData.uniform(p, n, 1.0, 22);
        final double[] state = TestData.uniform(p, n, 1.0, 23);

        for (final UpdateRule rule : rules())
        {
            final double[] whole = stepOnBackend(p, rule, theta, grad, state, false);
            for (final int from : new int[] {0, 1, 4093, n - 9})
            {
                final int to = Math.min(n, from + 9);
                final double[] part = stepOnBackend(p, rule, Arrays.copyOfRange(theta, from, to),
                    Arrays.copyOfRange(grad, from, to), Arrays.copyOfRange(state, from, to), false);
                assertArrayEquals(Arrays.copyOfRange(whole, from, to), part,
                    rule + ": elements " + from + ".." + to
                    + " differ between a long and a short vector");
            }
        }
    }

    @Test
    void firstStepCopiesGradientIntoBufferSkippingDampening()
    {
        // θ0 = 0, g = 1, lr = 1, μ = 0.9, τ = 0.5: b1 = 1, θ1 = -1;
        // b2 = 0.9 + 0.5 = 1.4, θ2 = -2.4.
        assertTrajectory(
            () -> Momentum.pytorch(backend).lr(1.0).momentum(0.9).dampening(0.5).build(),
            -1.0,
            -2.4);
    }

    @Test
    void nesterovWorkedExample()
    {
        // μ = 0.9, lr = 1, g = 1: b1 = 1, θ1 = -(1 + 0.9);
        // b2 = 1.9, θ2 = -1.9 - (1 + 0.9 * 1.9) = -4.61.
        assertTrajectory(
            () -> Momentum.pytorch(backend).lr(1.0).momentum(0.9).nesterov(true).build(),
            -1.9,
            -4.61);
    }

    @Test
    void emaWorkedExample()
    {
        // β = 0.9, lr = 1, g = 1: b1 = 0.1, θ1 = -0.1; b2 = 0.19, θ2 = -0.29.
        assertTrajectory(() -> Momentum.ema(backend).lr(1.0).momentum(0.9).build(), -0.1, -0.29);
    }

    @Test
    void velocityWorkedExamples()
    {
        // v1 = -1, θ1 = -1; v2 = -1.9, θ2 = -2.9.
        // Nesterov: θ1 = -0.9 - 1 = -1.9, θ2 = -4.61.
        assertTrajectory(
            () -> Momentum.velocity(backend).lr(1.0).momentum(0.9).build(), -1.0, -2.9);
        assertTrajectory(
            () -> Momentum.velocity(backend).lr(1.0).momentum(0.9).nesterov(true).build(),
            -1.9,
            -4.61);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void oneLaunchUpdatesEverySliceOfAParameterBlock(final Precision p)
    {
        assumePrecision(p);
        final ParameterBlock.Layout layout = ParameterBlock.Layout.builder()
            .add("weights", 300).add("bias", 1).add("embedding", 4097).build();
        final UpdateRule rule = UpdateRule.momentum(0.1, 0.9, 0.0, 0.0, true, false);
        final int n = (int)layout.length();
        final double[] theta = TestData.uniform(p, n, 1.0, 31);
        final double[] grad = TestData.uniform(p, n, 1.0, 32);

        try (ParameterBlock params = backend.parameters(p, layout);
             ParameterBlock grads = backend.parameters(p, layout);
             DeviceVector buffer = backend.allocate(p, n))
        {
            write(params.vector(), p, theta);
            write(grads.vector(), p, grad);
            backend.update(rule, params.vector(), grads.vector(), buffer, true);

            final Reference.Update expected =
                Reference.update(rule, theta, grad, new double[n], true);
            final ParameterBlock.Slice emb = layout.slice("embedding");
            Agreement.elementwise("embedding slice", p, params.read("embedding"),
                Arrays.copyOfRange(expected.theta(), (int)emb.offset(), n),
                Arrays.copyOfRange(expected.thetaBound(), (int)emb.offset(), n));
            Agreement.elementwise("bias slice", p, params.read("bias"),
                new double[] {expected.theta()[300]}, new double[] {expected.thetaBound()[300]});
        }
    }

    Stream<Arguments> gradientCases()
    {
        final List<Arguments> out = new ArrayList<>();
        for (final Precision p : Precision.values())
        {
            for (final LossFunction loss : LossFunction.values())
            {
                for (final int[] shape :
                    new int[][] {{1, 1}, {7, 3}, {300, 17}, {1000, 64}, {2048, 1}, {33, 300}})
                {
                    for (final Rows.Kind kind : Rows.Kind.values())
                    {
                        out.add(Arguments.of(p, loss, shape[0], shape[1], kind));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3} {4}")
    @MethodSource("gradientCases")
    void lossAndGradientMatchReference(
        final Precision p, final LossFunction loss, final int m, final int n, final Rows.Kind kind)
    {
        assumePrecision(p);
        final double[] x = TestData.uniform(p, m * n, 1.0, 41);
        final double[] y = loss == LossFunction.LOGISTIC
            ? labels(m)
            : TestData.uniform(p, m, 2.0, 42);
        final double[] params = TestData.uniform(p, n + 1, 0.5, 43);
        final int[] selected = selection(kind, m);

        try (DeviceMatrix dx = new DeviceMatrix(TestData.upload(backend, p, x), m, n);
             DeviceVector dy = TestData.upload(backend, p, y);
             DeviceVector dp = TestData.upload(backend, p, params);
             DeviceVector dg = backend.allocate(p, n + 1);
             IndexVector idx = backend.indices(selected))
        {
            final Rows rows = switch (kind)
            {
                case ALL -> Rows.all();
                case RANGE -> Rows.range(selected[0], selected[0] + selected.length);
                case INDICES -> Rows.indices(idx);
            };
            final double lossValue = backend.lossAndGradient(loss, dx, dy, dp, dg, rows);

            final Reference.Gradient ref =
                Reference.lossAndGradient(loss, x, n, y, params, selected);
            Agreement.reduction(
                loss + " loss", p, ref.terms(), lossValue, ref.loss(), ref.lossBound());
            Agreement.reduction(
                loss + " gradient",
                p,
                ref.terms(),
                dg.toDoubleArray(),
                ref.grad(),
                ref.gradBound());
            assertArrayEquals(params, dp.toDoubleArray(), "params are read, never written");
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void logisticLossStaysFiniteForLargeMargins(final Precision p)
    {
        assumePrecision(p);
        final double[] x = {1000.0, -1000.0, 800.0, -90.0, 40.0, 0.0};
        final double[] y = {0.0, 1.0, 1.0, 0.0, 1.0, 1.0};
        final double[] params = {1.0, 0.0};

        try (DeviceMatrix dx = new DeviceMatrix(TestData.upload(backend, p, x), 6, 1);
             DeviceVector dy = TestData.upload(backend, p, y);
             DeviceVector dp = TestData.upload(backend, p, params);
             DeviceVector dg = backend.allocate(p, 2);
             DeviceVector out = backend.allocate(p, 6))
        {
            final double value =
                backend.lossAndGradient(LossFunction.LOGISTIC, dx, dy, dp, dg, Rows.all());
            final Reference.Gradient ref = Reference.lossAndGradient(
                LossFunction.LOGISTIC, x, 1, y, params, selection(Rows.Kind.ALL, 6));
            assertTrue(Double.isFinite(value), "loss must stay finite, was " + value);
            Agreement.reduction(
                "large-margin loss", p, ref.terms(), value, ref.loss(), ref.lossBound());
            Agreement.reduction(
                "large-margin gradient",
                p,
                ref.terms(),
                dg.toDoubleArray(),
                ref.grad(),
                ref.gradBound());

            backend.predict(LossFunction.LOGISTIC, dx, dp, out);
            final double[] probabilities = out.toDoubleArray();
            for (final double q : probabilities)
            {
                assertTrue(q >= 0.0 && q <= 1.0, "probability out of [0, 1]: " + q);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void predictionsMatchReference(final Precision p)
    {
        assumePrecision(p);
        final int m = 513;
        final int n = 19;
        final double[] x = TestData.uniform(p, m * n, 1.0, 51);
        final double[] params = TestData.uniform(p, n + 1, 1.0, 52);

        for (final LossFunction loss : LossFunction.values())
        {
            try (DeviceMatrix dx = new DeviceMatrix(TestData.upload(backend, p, x), m, n);
                 DeviceVector dp = TestData.upload(backend, p, params);
                 DeviceVector out = backend.allocate(p, m))
            {
                backend.predict(loss, dx, dp, out);
                final double[] expected = Reference.predict(loss, x, m, n, params);
                final double[] actual = out.toDoubleArray();
                for (int i = 0; i < m; i++)
                {
                    final double bound = Math.abs(params[n]) + rowBound(x, i, n, params);
                    Agreement.reduction(
                        loss + " prediction " + i, p, n + 1, actual[i], expected[i], bound);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void dotAndSquaredNormMatchReference(final Precision p)
    {
        assumePrecision(p);
        for (final int n : SIZES)
        {
            final double[] a = TestData.uniform(p, n, 1.0, 61);
            final double[] b = TestData.uniform(p, n, 1.0, 62);
            try (DeviceVector da = TestData.upload(backend, p, a);
                 DeviceVector db = TestData.upload(backend, p, b))
            {
                Agreement.reduction("dot n=" + n, p, n, backend.dot(da, db), Reference.dot(a, b),
                    Reference.dotBound(a, b));
                Agreement.reduction("squared norm n=" + n, p, n, backend.squaredNorm(da),
                    Reference.dot(a, a), Reference.dotBound(a, a));
                assertEquals(backend.dot(da, db), backend.dot(da, db), "dot must be deterministic");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void allFiniteFindsEveryKindOfNonFiniteValueAnywhere(final Precision p)
    {
        assumePrecision(p);
        final int n = 65537;
        final double[] values = TestData.uniform(p, n, 1.0, 71);
        try (DeviceVector v = TestData.upload(backend, p, values);
             DeviceVector empty = backend.allocate(p, 0))
        {
            assertTrue(backend.allFinite(v), "finite data reported non-finite");
            assertTrue(backend.allFinite(empty), "an empty vector is all finite");
            for (final double bad :
                new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
            {
                for (final int at : new int[] {0, 4096, n - 1})
                {
                    write(v, p, at, bad);
                    assertFalse(backend.allFinite(v), bad + " at " + at + " not found");
                    write(v, p, at, values[at]);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void transfersCopiesAndFillsRoundTrip(final Precision p)
    {
        assumePrecision(p);
        final int n = 4099;
        final double[] values = TestData.uniform(p, n, 10.0, 81);
        try (DeviceVector a = TestData.upload(backend, p, values);
             DeviceVector b = backend.allocate(p, n))
        {
            assertArrayEquals(new double[n], b.toDoubleArray(), "allocation must zero-fill");
            b.copyFrom(a);
            assertArrayEquals(values, b.toDoubleArray(), "device copy");
            b.fill(0.5);
            final double[] half = new double[n];
            Arrays.fill(half, 0.5);
            assertArrayEquals(half, b.toDoubleArray(), "fill");
            write(b, p, 4000, -3.0);
            assertEquals(-3.0, b.toDoubleArray()[4000], "single element write");
            assertArrayEquals(values, a.toDoubleArray(), "the copy source is unchanged");
        }
        try (IndexVector idx = backend.indices(new int[] {5, 0, 3, 3}))
        {
            assertArrayEquals(new int[] {5, 0, 3, 3}, idx.toIntArray());
        }
    }

    @Test
    void mismatchedArgumentsAreRejectedAndModifyNothing()
    {
        final Precision p = Precision.F32;
        final double[] theta = TestData.uniform(p, 8, 1.0, 91);
        try (DeviceVector t = TestData.upload(backend, p, theta);
             DeviceVector shortGrad = backend.allocate(p, 7);
             DeviceVector g = backend.allocate(p, 8);
             DeviceVector s = backend.allocate(p, 8))
        {
            final UpdateRule rule = UpdateRule.momentum(0.1, 0.9, 0.0, 0.0, false, false);
            final IllegalArgumentException lengths = assertThrows(
                IllegalArgumentException.class, () -> backend.update(rule, t, shortGrad, s, true));
            assertEquals("lengths must match: theta=8, grad=7", lengths.getMessage());

            final IllegalArgumentException aliased = assertThrows(
                IllegalArgumentException.class, () -> backend.update(rule, t, g, g, true));
            assertEquals("grad and state must be different vectors", aliased.getMessage());

            final IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class, () -> backend.update(rule, t, g, null, true));
            assertEquals("MOMENTUM update needs a state vector", missing.getMessage());

            assertArrayEquals(theta, t.toDoubleArray(), "a rejected update modified theta");
            assertArrayEquals(
                new double[8], s.toDoubleArray(), "a rejected update modified the state");
        }
    }

    @Test
    void mixedPrecisionsAreRejectedAndModifyNothing()
    {
        assumePrecision(Precision.F64);
        try (DeviceVector t = backend.vector(new float[] {1.0f, 2.0f});
             DeviceVector g = backend.vector(new double[] {1.0, 1.0}))
        {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.update(UpdateRule.plain(0.1, 0.0, false), t, g, null, false));
            assertEquals("precisions must match: theta is F32, grad is F64", e.getMessage());
            assertArrayEquals(new float[] {1.0f, 2.0f}, t.toFloatArray());
        }
    }

    @Test
    void closedVectorsAreRejectedWithIllegalState()
    {
        final DeviceVector t = backend.vector(new float[] {1.0f});
        final DeviceVector g = backend.vector(new float[] {1.0f});
        g.close();

        final IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> backend.update(UpdateRule.plain(0.1, 0.0, false), t, g, null, false));
        assertTrue(e.getMessage().startsWith("vector is closed: F32[1]"), e.getMessage());
        assertThrows(IllegalStateException.class, g::toFloatArray);
        assertArrayEquals(new float[] {1.0f}, t.toFloatArray(), "a rejected update modified theta");
        g.close();
        t.close();
    }

    @Test
    void gradientArgumentsAreCheckedBeforeAnyWork()
    {
        final Precision p = Precision.F32;
        try (DeviceMatrix x = backend.matrix(p, 4, 3);
             DeviceVector y = backend.allocate(p, 4);
             DeviceVector params = backend.allocate(p, 4);
             DeviceVector grad = backend.allocate(p, 4);
             DeviceVector wrongGrad = backend.allocate(p, 3);
             IndexVector outOfRange = backend.indices(new int[] {0, 4}))
        {
            grad.fill(7.0);
            final LossFunction ls = LossFunction.LEAST_SQUARES;
            assertEquals("grad length must be 4: grad=3", assertThrows(
                IllegalArgumentException.class,
                () -> backend.lossAndGradient(ls, x, y, params, wrongGrad, Rows.all()))
                .getMessage());
            assertEquals("row range must end at or before 4: to=5", assertThrows(
                IllegalArgumentException.class,
                () -> backend.lossAndGradient(ls, x, y, params, grad, Rows.range(1, 5)))
                .getMessage());
            assertEquals("row indices must be in [0, 4): min=0, max=4", assertThrows(
                IllegalArgumentException.class,
                () -> backend.lossAndGradient(ls, x, y, params, grad, Rows.indices(outOfRange)))
                .getMessage());
            assertEquals("at least one row must be selected: rows [2, 2) of 4", assertThrows(
                IllegalArgumentException.class,
                () -> backend.lossAndGradient(ls, x, y, params, grad, Rows.range(2, 2)))
                .getMessage());
            final float[] sevens = new float[4];
            Arrays.fill(sevens, 7.0f);
            assertArrayEquals(sevens, grad.toFloatArray(), "a rejected gradient call wrote grad");
        }
    }

    private void assertTrajectory(
        final Supplier<Optimizer> factory, final double theta1, final double theta2)
    {
        for (final Precision p : Precision.values())
        {
            if (!backend.supports(p))
            {
                continue;
            }
            try (Optimizer opt = factory.get();
                 DeviceVector theta = backend.allocate(p, 3);
                 DeviceVector grad = backend.allocate(p, 3))
            {
                grad.fill(1.0);
                opt.step(theta, grad);
                assertAllClose(p, theta1, theta.toDoubleArray(), opt.rule() + " step 1");
                opt.step(theta, grad);
                assertAllClose(p, theta2, theta.toDoubleArray(), opt.rule() + " step 2");
            }
        }
    }

    private static void assertAllClose(
        final Precision p, final double expected, final double[] actual, final String what)
    {
        for (final double a : actual)
        {
            assertEquals(expected, a, 8 * p.epsilon() * Math.abs(expected), what);
        }
    }

    private void checkOneStep(
        final Precision p,
        final UpdateRule rule,
        final double[] theta,
        final double[] grad,
        final double[] state,
        final boolean first)
    {
        final double[] s = rule.kind().hasState() ? state : null;
        final Reference.Update expected = Reference.update(rule, theta, grad, s, first);
        try (DeviceVector t = TestData.upload(backend, p, theta);
             DeviceVector g = TestData.upload(backend, p, grad);
             DeviceVector ds = s == null ? null : TestData.upload(backend, p, s))
        {
            backend.update(rule, t, g, ds, first);
            Agreement.elementwise(
                rule + " theta", p, t.toDoubleArray(), expected.theta(), expected.thetaBound());
            if (ds != null)
            {
                Agreement.elementwise(
                    rule + " state",
                    p,
                    ds.toDoubleArray(),
                    expected.state(),
                    expected.stateBound());
            }
        }
    }

    private double[] stepOnBackend(
        final Precision p,
        final UpdateRule rule,
        final double[] theta,
        final double[] grad,
        final double[] state,
        final boolean first)
    {
        try (DeviceVector t = TestData.upload(backend, p, theta);
             DeviceVector g = TestData.upload(backend, p, grad);
             DeviceVector s = rule.kind().hasState() ? TestData.upload(backend, p, state) : null)
        {
            backend.update(rule, t, g, s, first);
            return t.toDoubleArray();
        }
    }

    private void assumePrecision(final Precision p)
    {
        Assumptions.assumeTrue(backend.supports(p), () ->
        {
            final String reason = backendName() + " does not support " + p;
            System.out.println("skipped: " + reason);
            return reason;
        });
    }

    private static void write(final DeviceVector v, final Precision p, final double[] values)
    {
        write(v, p, 0, values);
    }

    private static void write(
        final DeviceVector v, final Precision p, final int at, final double... values)
    {
        if (p == Precision.F64)
        {
            v.write(at, values, 0, values.length);
            return;
        }
        final float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++)
        {
            f[i] = (float)values[i];
        }
        v.write(at, f, 0, f.length);
    }

    private static double[] labels(final int m)
    {
        final double[] y = new double[m];
        for (int i = 0; i < m; i++)
        {
            y[i] = (i * 7919) % 3 == 0 ? 1.0 : 0.0;
        }
        return y;
    }

    private static int[] selection(final Rows.Kind kind, final int m)
    {
        return switch (kind)
        {
            case ALL -> java.util.stream.IntStream.range(0, m).toArray();
            case RANGE -> java.util.stream.IntStream.range(m / 3, m).toArray();
            case INDICES -> java.util.stream.IntStream.range(0, Math.max(1, m / 2))
                .map(i -> (i * 31 + 5) % m)
                .toArray();
        };
    }

    private static double rowBound(
        final double[] x, final int row, final int n, final double[] params)
    {
        double s = 0.0;
        for (int j = 0; j < n; j++)
        {
            s += Math.abs(x[row * n + j] * params[j]);
        }
        return s;
    }

}
