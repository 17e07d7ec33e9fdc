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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only a GPU can show: the two gradient paths against each other, repeatability of the
 * reductions, device memory exhaustion, lengths past 2^31 and training against the Java
 * backend. Skipped with the probe's reason without a CUDA device, failed instead when
 * {@code -Ddescent.require} names cuda.
 */
class CudaDeviceTest
{
    /** System property enabling the tests that allocate more than 2^31 elements (17 GiB). */
    static final String LARGE_PROPERTY = "descent.cuda.large";

    private static final int ROWS = 4099;
    private static final int COLS = 37;

    @BeforeEach
    void requireDevice()
    {
        Requirement.assumeAvailable(new BackendStatus(CudaBackendProvider.NAME, CudaBackendProvider.PRIORITY,
            CudaProbe.availability().available(), CudaProbe.availability().detail()));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void cublasAndFusedGradientsAgreeWithTheReference(final Precision p)
    {
        final CudaProbe.Result probe = CudaProbe.result();
        Assumptions.assumeTrue(probe.device().hasCublas(), probe.device().cublasReason());
        final double[] x = TestData.uniform(p, ROWS * COLS, 1.0, 11);
        final double[] params = TestData.uniform(p, COLS + 1, 0.5, 12);

        for (final LossFunction loss : LossFunction.values())
        {
            final double[] y = targets(p, loss, ROWS);
            for (final Rows rows : new Rows[] {Rows.all(), Rows.range(17, 3001)})
            {
                final int[] selected = IntStream.range(rows.start(), rows.start() + rows.count(ROWS)).toArray();
                final Reference.Gradient expected = Reference.lossAndGradient(loss, x, COLS, y, params, selected);
                final double[] viaCublas = gradient(GradientPath.CUBLAS, p, loss, x, y, params, rows);
                final double[] viaKernels = gradient(GradientPath.OWN_KERNELS, p, loss, x, y, params, rows);
                final String what = loss + " " + rows;

                Agreement.reduction(what + " cuBLAS loss", p, expected.terms(), viaCublas[COLS + 1],
                    expected.loss(), expected.lossBound());
                Agreement.reduction(what + " kernels loss", p, expected.terms(), viaKernels[COLS + 1],
                    expected.loss(), expected.lossBound());
                for (int j = 0; j <= COLS; j++)
                {
                    Agreement.reduction(what + " cuBLAS grad " + j, p, expected.terms(), viaCublas[j],
                        expected.grad()[j], expected.gradBound()[j]);
                    Agreement.reduction(what + " kernels grad " + j, p, expected.terms(), viaKernels[j],
                        expected.grad()[j], expected.gradBound()[j]);
                    Agreement.reduction(what + " cuBLAS vs kernels " + j, p, expected.terms(), viaCublas[j],
                        viaKernels[j], 2 * expected.gradBound()[j]);
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
            final DeviceMatrix x = matrix(backend, p, TestData.uniform(p, ROWS * COLS, 1.0, 22));
            final DeviceVector y = TestData.upload(backend, p, targets(p, LossFunction.LOGISTIC, ROWS));
            final DeviceVector params = TestData.upload(backend, p, TestData.uniform(p, COLS + 1, 0.5, 23));
            final DeviceVector grad = backend.allocate(p, COLS + 1);

            final double dot = backend.dot(a, a);
            final double loss = backend.lossAndGradient(LossFunction.LOGISTIC, x, y, params, grad, Rows.all());
            final double[] first = grad.toDoubleArray();

            for (int repeat = 0; repeat < 5; repeat++)
            {
                assertEquals(Double.doubleToLongBits(dot), Double.doubleToLongBits(backend.dot(a, a)));
                assertEquals(Double.doubleToLongBits(loss), Double.doubleToLongBits(
                    backend.lossAndGradient(LossFunction.LOGISTIC, x, y, params, grad, Rows.all())));
                assertArrayEquals(first, grad.toDoubleArray());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void indexedRowsGiveTheGradientOfTheSameRowRange(final Precision p)
    {
        try (Backend backend = new Backend(CudaEngine.open(GradientPath.OWN_KERNELS)))
        {
            final DeviceMatrix x = matrix(backend, p, TestData.uniform(p, ROWS * COLS, 1.0, 31));
            final DeviceVector y = TestData.upload(backend, p, targets(p, LossFunction.LEAST_SQUARES, ROWS));
            final DeviceVector params = TestData.upload(backend, p, TestData.uniform(p, COLS + 1, 0.5, 32));
            final DeviceVector byRange = backend.allocate(p, COLS + 1);
            final DeviceVector byIndex = backend.allocate(p, COLS + 1);
            final IndexVector idx = backend.indices(IntStream.range(0, ROWS).toArray());

            final double lossRange = backend.lossAndGradient(
                LossFunction.LEAST_SQUARES, x, y, params, byRange, Rows.range(100, 2100));
            final double lossIndex = backend.lossAndGradient(
                LossFunction.LEAST_SQUARES, x, y, params, byIndex, Rows.indices(idx, 100, 2100));

            assertEquals(lossRange, lossIndex, "same rows, same chunks, same order");
            assertArrayEquals(byRange.toDoubleArray(), byIndex.toDoubleArray());
        }
    }

    @Test
    void exhaustedDeviceMemoryNamesTheSizeAndKeepsExistingVectors()
    {
        try (Backend backend = new Backend(CudaEngine.open(GradientPath.OWN_KERNELS)))
        {
            final double[] values = TestData.uniform(Precision.F32, 1000, 1.0, 41);
            final DeviceVector kept = TestData.upload(backend, Precision.F32, values);
            final long tooMany = backend.engine().maxLength();

            final DeviceMemoryException e =
                assertThrows(DeviceMemoryException.class, () -> backend.allocate(Precision.F32, tooMany));

            assertEquals(tooMany * Float.BYTES, e.requestedBytes());
            assertTrue(e.getMessage().contains("asked for " + tooMany * Float.BYTES + " bytes"), e.getMessage());
            assertTrue(e.getMessage().contains(e.freeBytes() + " of "), e.getMessage());
            assertTrue(e.freeBytes() < e.requestedBytes());
            assertArrayEquals(values, kept.toDoubleArray());
            backend.update(UpdateRule.plain(1.0, 0.0, false), kept, backend.allocate(Precision.F32, 1000), null, false);
            assertArrayEquals(values, kept.toDoubleArray());
        }
    }

    @Test
    void vectorsPastTwoToThe31ElementsUpdateAndReduceEverywhere()
    {
        Assumptions.assumeTrue(Boolean.getBoolean(LARGE_PROPERTY), "-D" + LARGE_PROPERTY + "=true not set");
        final long n = (1L << 31) + 1021;
        try (Backend backend = new Backend(CudaEngine.open(GradientPath.OWN_KERNELS));
             DeviceVector theta = backend.allocate(Precision.F32, n);
             DeviceVector grad = backend.allocate(Precision.F32, n))
        {
            theta.fill(1.0);
            grad.fill(0.5);
            final long tail = n - 4;
            grad.write(tail, new float[] {2.0f, 4.0f, 8.0f, 16.0f}, 0, 4);

            backend.update(UpdateRule.plain(0.25, 0.0, false), theta, grad, null, false);

            final float[] head = new float[4];
            final float[] end = new float[4];
            final float[] middle = new float[2];
            theta.read(0, head, 0, 4);
            theta.read(tail, end, 0, 4);
            theta.read((1L << 31) - 1, middle, 0, 2);
            assertArrayEquals(new float[] {0.875f, 0.875f, 0.875f, 0.875f}, head);
            assertArrayEquals(new float[] {0.5f, 0.0f, -1.0f, -3.0f}, end);
            assertArrayEquals(new float[] {0.875f, 0.875f}, middle);
            final double expectedDot = (n - 4) * 0.875 * 0.5 + (0.5 * 2 + 0.0 * 4 - 1.0 * 8 - 3.0 * 16);
            Agreement.reduction("dot past 2^31", Precision.F32, n, backend.dot(theta, grad), expectedDot,
                (n - 4) * 0.875 * 0.5 + 57);
            assertTrue(backend.allFinite(theta));
            theta.write(n - 1, new float[] {Float.NaN}, 0, 1);
            assertTrue(!backend.allFinite(theta), "a NaN in the last element past 2^31 is found");
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void trainingEndsWhereTheJavaBackendEnds(final Precision p)
    {
        final BackendRegistry registry = BackendRegistry.load();
        Assumptions.assumeTrue(registry.status("java").available(), "java backend not on the class path");
        for (final LossFunction loss : LossFunction.values())
        {
            final double onCuda;
            final double onJava;
            try (Backend cuda = registry.open(CudaBackendProvider.NAME); Backend java = registry.open("java"))
            {
                onCuda = train(cuda, p, loss);
                onJava = train(java, p, loss);
            }
            final double relative = Math.abs(onCuda - onJava) / Math.abs(onJava);
            System.out.printf("training %s %s: cuda %.12g, java %.12g, relative difference %.3g%n",
                p, loss, onCuda, onJava, relative);
            assertTrue(relative <= Tolerance.trajectory(p), loss + " " + p + ": cuda " + onCuda + ", java " + onJava);
        }
    }

    /** 300 steps of PyTorch-style momentum with mini-batches; returns the final full-data loss. */
    private static double train(final Backend backend, final Precision p, final LossFunction loss)
    {
        final int rows = 2000;
        final int cols = 20;
        final int batch = 100;
        final UpdateRule rule = UpdateRule.momentum(0.05, 0.9, 0.0, 1e-4, false, false);
        try (DeviceMatrix x = matrix(backend, p, TestData.uniform(p, rows * cols, 1.0, 51), rows, cols);
             DeviceVector y = TestData.upload(backend, p, targets(p, loss, rows));
             DeviceVector params = backend.allocate(p, cols + 1);
             DeviceVector grad = backend.allocate(p, cols + 1);
             DeviceVector state = backend.allocate(p, cols + 1);
             IndexVector order = backend.indices(IntStream.range(0, rows).map(i -> (i * 7919) % rows).toArray()))
        {
            for (int step = 0; step < 300; step++)
            {
                final int from = (step * batch) % rows;
                backend.lossAndGradient(loss, x, y, params, grad, Rows.indices(order, from, from + batch));
                backend.update(rule, params, grad, state, step == 0);
            }
            return backend.lossAndGradient(loss, x, y, params, grad, Rows.all());
        }
    }

    private double[] gradient(
        final GradientPath path, final Precision p, final LossFunction loss, final double[] x, final double[] y,
        final double[] params, final Rows rows)
    {
        try (Backend backend = new Backend(CudaEngine.open(path)))
        {
            final DeviceMatrix dx = matrix(backend, p, x);
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

    private static DeviceMatrix matrix(final Backend backend, final Precision p, final double[] values)
    {
        return matrix(backend, p, values, ROWS, COLS);
    }

    private static DeviceMatrix matrix(
        final Backend backend, final Precision p, final double[] values, final int rows, final int cols)
    {
        return new DeviceMatrix(TestData.upload(backend, p, values), rows, cols);
    }

    /** Least squares: a noisy linear target; logistic: labels 0 and 1 from the same. */
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
}
