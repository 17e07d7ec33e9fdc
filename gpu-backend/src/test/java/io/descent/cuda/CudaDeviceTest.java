package io.descent.cuda;

import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.backend.BackendStatus;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.backend.UpdateRule;
import io.descent.conformance.Agreement;
import io.descent.conformance.Requirement;
import io.descent.conformance.TestData;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.Precision;
import io.descent.verify.Reference;
import io.descent.verify.Tolerance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only a GPU can show: the two gradient paths against the reference and each other,
 * repeatability of the reductions, device memory exhaustion, lengths past 2^31 and training
 * against the Java backend. Skipped with the probe's reason without a CUDA device, failed
 * instead when {@code -Ddescent.require} names cuda.
 */
class CudaDeviceTest
{
    /** System property enabling the test that allocates two vectors past 2^31 elements (17 GB). */
    static final String LARGE_PROPERTY = "descent.cuda.large";

    private static final int ROWS = 4099;
    private static final int COLS = 37;

    @BeforeEach
    void requireDevice()
    {
        final CudaProbe.Result probe = CudaProbe.result();
        Requirement.assumeAvailable(new BackendStatus(CudaBackendProvider.NAME,
            CudaBackendProvider.PRIORITY, probe.availability().available(),
            probe.availability().detail()));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void cublasAndFusedGradientsAgreeWithTheReferenceAndEachOther(final Precision p)
    {
        final CudaDevice device = CudaProbe.result().device();
        Assumptions.assumeTrue(device.hasCublas(), device.cublasReason());
        final double[] x = TestData.uniform(p, ROWS * COLS, 1.0, 11);
        final double[] params = TestData.uniform(p, COLS + 1, 0.5, 12);

        for (final LossFunction loss : LossFunction.values())
        {
            final double[] y = targets(p, loss, ROWS);
            for (final Rows rows : new Rows[] {Rows.all(), Rows.range(17, 3001)})
            {
                final int[] selected =
                    IntStream.range(rows.start(), rows.start() + rows.count(ROWS)).toArray();
                final Reference.Gradient expected =
                    Reference.lossAndGradient(loss, x, COLS, y, params, selected);
                final double[] cublas = gradient(GradientPath.CUBLAS, p, loss, x, y, params, rows);
                final double[] own =
                    gradient(GradientPath.OWN_KERNELS, p, loss, x, y, params, rows);

                final String what = loss + " " + rows;
                checkGradient(what + " cuBLAS", p, expected, cublas);
                checkGradient(what + " own kernels", p, expected, own);
                for (int j = 0; j <= COLS + 1; j++)
                {
                    final double bound = j <= COLS ? expected.gradBound()[j] : expected.lossBound();
                    Agreement.reduction(what + " cuBLAS vs own kernels, element " + j, p,
                        expected.terms(), cublas[j], own[j], 2 * bound);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void reductionsAndGradientsAreBitIdenticalWhenRepeated(final Precision p)
    {
        try (Backend backend = new Backend(CudaEngine.open(GradientPath.OWN_KERNELS)))
        {
            final double[] values = TestData.uniform(p, 1_000_003, 1.0, 21);
            final DeviceVector a = TestData.upload(backend, p, values);
            final Problem problem = new Problem(backend, p, LossFunction.LOGISTIC, ROWS, COLS, 22);

            final double dot = backend.dot(a, a);
            final double loss = problem.lossAndGradient(Rows.all());
            final double[] first = problem.grad.toDoubleArray();

            for (int repeat = 0; repeat < 5; repeat++)
            {
                assertEquals(bits(dot), bits(backend.dot(a, a)));
                assertEquals(bits(loss), bits(problem.lossAndGradient(Rows.all())));
                assertArrayEquals(first, problem.grad.toDoubleArray());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void resultsAreBitIdenticalWhenTheGridIsCappedAtThirtyTwoBlocks(final Precision p)
    {
        // A cap of one multiprocessor gives 32 blocks, so each thread loops over ~370 elements
        // instead of a handful; reductions keep their fixed grid either way.
        final UpdateRule rule = UpdateRule.momentum(0.1, 0.9, 0.1, 0.01, false, false);
        final int n = 3_000_017;
        final double[] theta = TestData.uniform(p, n, 1.0, 71);
        final double[] grad = TestData.uniform(p, n, 1.0, 72);
        double[] reference = null;

        for (final int multiprocessors : new int[] {0, 1})
        {
            try (Backend backend = new Backend(CudaEngine.open(GradientPath.OWN_KERNELS,
                multiprocessors)))
            {
                final DeviceVector t = TestData.upload(backend, p, theta);
                final DeviceVector g = TestData.upload(backend, p, grad);
                final DeviceVector b = backend.allocate(p, n);
                final Problem problem =
                    new Problem(backend, p, LossFunction.LOGISTIC, ROWS, COLS, 73);

                backend.update(rule, t, g, b, true);
                backend.update(rule, t, g, b, false);
                final double loss = problem.lossAndGradient(Rows.all());

                final double[] result = concat(t.toDoubleArray(), b.toDoubleArray(),
                    problem.grad.toDoubleArray(), new double[] {backend.dot(t, g), loss});
                if (reference == null)
                {
                    reference = result;
                }
                else
                {
                    assertArrayEquals(reference, result, "32-block grid vs the full grid");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void indexedRowsGiveTheGradientOfTheSameRowRange(final Precision p)
    {
        try (Backend backend = new Backend(CudaEngine.open(GradientPath.OWN_KERNELS)))
        {
            final Problem problem =
                new Problem(backend, p, LossFunction.LEAST_SQUARES, ROWS, COLS, 31);
            final IndexVector idx = backend.indices(IntStream.range(0, ROWS).toArray());

            final double byRange = problem.lossAndGradient(Rows.range(100, 2100));
            final double[] gradByRange = problem.grad.toDoubleArray();
            final double byIndex = problem.lossAndGradient(Rows.indices(idx, 100, 2100));

            assertEquals(bits(byRange), bits(byIndex), "same rows, same chunks, same order");
            assertArrayEquals(gradByRange, problem.grad.toDoubleArray());
        }
    }

    @Test
    void exhaustedDeviceMemoryNamesTheSizeAndKeepsExistingVectors()
    {
        try (Backend backend = new Backend(CudaEngine.open(GradientPath.OWN_KERNELS)))
        {
            final double[] values = TestData.uniform(Precision.F32, 1000, 1.0, 41);
            final DeviceVector kept = TestData.upload(backend, Precision.F32, values);
            final DeviceVector zero = backend.allocate(Precision.F32, 1000);
            final long tooMany = backend.engine().maxLength();
            final long tooManyBytes = tooMany * Float.BYTES;

            final DeviceMemoryException e = assertThrows(DeviceMemoryException.class,
                () -> backend.allocate(Precision.F32, tooMany));

            assertEquals(tooManyBytes, e.requestedBytes());
            assertTrue(e.getMessage().contains("asked for " + tooManyBytes + " bytes"),
                e.getMessage());
            assertTrue(e.getMessage().contains(e.freeBytes() + " of "), e.getMessage());
            assertTrue(e.freeBytes() < e.requestedBytes());
            assertArrayEquals(values, kept.toDoubleArray());
            backend.update(UpdateRule.plain(1.0, 0.0, false), kept, zero, null, false);
            assertArrayEquals(values, kept.toDoubleArray(), "the engine still runs kernels");
        }
    }

    @Test
    void vectorsPastTwoToThe31ElementsUpdateAndReduceEverywhere()
    {
        Assumptions.assumeTrue(Boolean.getBoolean(LARGE_PROPERTY),
            "-D" + LARGE_PROPERTY + "=true is not set");
        final long n = (1L << 31) + 1021;
        final long tail = n - 4;
        try (Backend backend = new Backend(CudaEngine.open(GradientPath.OWN_KERNELS));
             DeviceVector theta = backend.allocate(Precision.F32, n);
             DeviceVector grad = backend.allocate(Precision.F32, n))
        {
            theta.fill(1.0);
            grad.fill(0.5);
            grad.write(tail, new float[] {2.0f, 4.0f, 8.0f, 16.0f}, 0, 4);

            backend.update(UpdateRule.plain(0.25, 0.0, false), theta, grad, null, false);

            assertArrayEquals(new float[] {0.875f, 0.875f}, read(theta, 0, 2));
            assertArrayEquals(new float[] {0.875f, 0.875f}, read(theta, (1L << 31) - 1, 2));
            assertArrayEquals(new float[] {0.5f, 0.0f, -1.0f, -3.0f}, read(theta, tail, 4));
            final double body = tail * 0.875 * 0.5;
            final double expectedDot = body + (0.5 * 2.0 + 0.0 * 4.0 - 1.0 * 8.0 - 3.0 * 16.0);
            Agreement.reduction("dot past 2^31", Precision.F32, n, backend.dot(theta, grad),
                expectedDot, body + 57.0);
            assertTrue(backend.allFinite(theta));
            theta.write(n - 1, new float[] {Float.NaN}, 0, 1);
            assertFalse(backend.allFinite(theta), "a NaN in the last element is found");
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void trainingEndsWhereTheJavaBackendEnds(final Precision p)
    {
        final BackendRegistry registry = BackendRegistry.load();
        Assumptions.assumeTrue(registry.status("java").available(), "no java backend here");
        for (final LossFunction loss : LossFunction.values())
        {
            final double onCuda;
            final double onJava;
            try (Backend cuda = registry.open(CudaBackendProvider.NAME);
                 Backend java = registry.open("java"))
            {
                onCuda = train(cuda, p, loss);
                onJava = train(java, p, loss);
            }

            final double relative = Math.abs(onCuda - onJava) / Math.abs(onJava);
            System.out.printf("training %s %s: cuda %.12g, java %.12g, relative difference %.3g%n",
                p, loss, onCuda, onJava, relative);
            assertTrue(relative <= Tolerance.trajectory(p),
                loss + " " + p + ": cuda " + onCuda + ", java " + onJava);
        }
    }

    /** 300 steps of PyTorch-style momentum on mini-batches; returns the final loss, all rows. */
    private static double train(final Backend backend, final Precision p, final LossFunction loss)
    {
        final int rows = 2000;
        final int batch = 100;
        final UpdateRule rule = UpdateRule.momentum(0.05, 0.9, 0.0, 1e-4, false, false);
        final int[] shuffled = IntStream.range(0, rows).map(i -> (i * 7919) % rows).toArray();
        final Problem problem = new Problem(backend, p, loss, rows, 20, 51);
        problem.params.fill(0.0);
        try (DeviceVector state = backend.allocate(p, 21);
             IndexVector order = backend.indices(shuffled))
        {
            for (int step = 0; step < 300; step++)
            {
                final int from = (step * batch) % rows;
                problem.lossAndGradient(Rows.indices(order, from, from + batch));
                backend.update(rule, problem.params, problem.grad, state, step == 0);
            }
            return problem.lossAndGradient(Rows.all());
        }
        finally
        {
            problem.close();
        }
    }

    private static void checkGradient(
        final String what, final Precision p, final Reference.Gradient expected,
        final double[] actual)
    {
        Agreement.reduction(what + " loss", p, expected.terms(), actual[COLS + 1],
            expected.loss(), expected.lossBound());
        for (int j = 0; j <= COLS; j++)
        {
            Agreement.reduction(what + " gradient " + j, p, expected.terms(), actual[j],
                expected.grad()[j], expected.gradBound()[j]);
        }
    }

    /** @return the gradient then the loss, from a fresh engine on {@code path}. */
    private static double[] gradient(
        final GradientPath path, final Precision p, final LossFunction loss, final double[] x,
        final double[] y, final double[] params, final Rows rows)
    {
        try (Backend backend = new Backend(CudaEngine.open(path)))
        {
            final DeviceMatrix dx = new DeviceMatrix(TestData.upload(backend, p, x), ROWS, COLS);
            final DeviceVector dy = TestData.upload(backend, p, y);
            final DeviceVector dp = TestData.upload(backend, p, params);
            final DeviceVector dg = backend.allocate(p, COLS + 1);

            final double value = backend.lossAndGradient(loss, dx, dy, dp, dg, rows);

            final double[] out = new double[COLS + 2];
            System.arraycopy(dg.toDoubleArray(), 0, out, 0, COLS + 1);
            out[COLS + 1] = value;
            return out;
        }
    }

    private static float[] read(final DeviceVector v, final long index, final int count)
    {
        final float[] out = new float[count];
        v.read(index, out, 0, count);
        return out;
    }

    private static double[] concat(final double[]... parts)
    {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static long bits(final double value)
    {
        return Double.doubleToLongBits(value);
    }

    /** Least squares: noise targets; logistic: labels 0 and 1 from the same noise. */
    private static double[] targets(final Precision p, final LossFunction loss, final int rows)
    {
        final double[] noise = TestData.uniform(p, rows, 1.0, 61);
        final double[] y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            y[i] = loss == LossFunction.LOGISTIC ? (noise[i] > 0 ? 1.0 : 0.0) : noise[i];
        }
        return y;
    }

    /** Seeded data, targets, parameters and a gradient vector on one backend. */
    private static final class Problem implements AutoCloseable
    {
        final LossFunction loss;
        final DeviceMatrix x;
        final DeviceVector y;
        final DeviceVector params;
        final DeviceVector grad;
        private final Backend backend;

        Problem(
            final Backend backend, final Precision p, final LossFunction loss, final int rows,
            final int cols, final long salt)
        {
            this.loss = loss;
            final double[] data = TestData.uniform(p, rows * cols, 1.0, salt);
            this.x = new DeviceMatrix(TestData.upload(backend, p, data), rows, cols);
            this.y = TestData.upload(backend, p, targets(p, loss, rows));
            this.params = TestData.upload(backend, p, TestData.uniform(p, cols + 1, 0.5, salt + 1));
            this.grad = backend.allocate(p, cols + 1);
            this.backend = backend;
        }

        double lossAndGradient(final Rows rows)
        {
            return backend.lossAndGradient(loss, x, y, params, grad, rows);
        }

        @Override
        public void close()
        {
            x.close();
            y.close();
            params.close();
            grad.close();
        }
    }
}
