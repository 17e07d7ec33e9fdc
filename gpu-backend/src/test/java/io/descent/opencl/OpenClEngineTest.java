package io.descent.opencl;

import com.aparapi.ProfileInfo;
import com.aparapi.device.OpenCLDevice;
import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.backend.UpdateRule;
import io.descent.conformance.Requirement;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.Precision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the OpenCL engine promises beyond the shared contract: results independent of the
 * work-group size, device memory that survives heap growth and reuse, a clear F64 answer, and a
 * launch that does not run on the device reported as an error naming the kernel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenClEngineTest
{
    private Backend backend;

    @BeforeAll
    void open()
    {
        Requirement.assumeAvailable(BackendRegistry.load().status(OpenClProvider.NAME));
        backend = new Backend(OpenClEngine.open());
    }

    @AfterAll
    void close()
    {
        if (backend != null)
        {
            backend.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void reductionsAndGradientsAreBitIdenticalForEveryWorkGroupSize(final Precision p)
    {
        assumeSupported(p);
        final int m = 3001;
        final int n = 5;
        final double[] x = values(p, m * n, 1);
        final double[] y = values(p, m, 2);
        final double[] params = values(p, n + 1, 3);
        final double[] a = values(p, 100_003, 4);

        double[] reference = null;
        for (final String localSize : new String[]{"1", "13", "64", "256"})
        {
            final double[] results =
                withLocalSize(localSize, b -> run(b, p, x, y, params, m, n, a));
            if (reference == null)
            {
                reference = results;
            }
            assertArrayEquals(reference, results, 0.0,
                "work-group size " + localSize + " changed a result");
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void kernelsMoveNoDataAndReductionsReadBackOnlyTheirScalar(final Precision p)
    {
        assumeSupported(p);
        final OpenClEngine engine = (OpenClEngine)backend.engine();
        final int n = 1 << 16;
        final int m = 300;
        final int cols = 4;
        try (DeviceVector theta = upload(backend, p, values(p, n, 1));
             DeviceVector grad = upload(backend, p, values(p, n, 2));
             DeviceVector state = backend.allocate(p, n);
             DeviceMatrix x = new DeviceMatrix(upload(backend, p, values(p, m * cols, 3)), m, cols);
             DeviceVector y = upload(backend, p, values(p, m, 4));
             DeviceVector params = upload(backend, p, values(p, cols + 1, 5));
             DeviceVector g = backend.allocate(p, cols + 1);
             DeviceVector out = backend.allocate(p, m);
             DeviceVector copy = backend.allocate(p, n))
        {
            final UpdateRule nesterov = UpdateRule.momentum(0.01, 0.9, 0.0, 0.0, true, false);
            final UpdateRule velocity = UpdateRule.velocity(0.01, 0.9, 0.0, false, false);
            final long before = engine.transferredBytes();
            for (int step = 0; step < 5; step++)
            {
                backend.update(nesterov, theta, grad, state, step == 0);
                backend.update(velocity, theta, grad, state, false);
                backend.update(UpdateRule.plain(0.01, 0.0, false), theta, grad, null, false);
            }
            backend.predict(LossFunction.LOGISTIC, x, params, out);
            copy.copyFrom(theta);
            copy.fill(0.5);
            assertEquals(before, engine.transferredBytes(),
                "updates, predictions, copies and fills move nothing");

            backend.lossAndGradient(LossFunction.LEAST_SQUARES, x, y, params, g, Rows.all());
            backend.dot(theta, grad);
            backend.allFinite(theta);
            final long scalar = (long)HeapKernel.OUT_LENGTH * p.sizeBytes();
            assertEquals(before + 3 * scalar, engine.transferredBytes(),
                "each reduction reads back its result only");
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aparapisProfileShowsAnUpdateLaunchWithoutBufferTransfers(final Precision p)
    {
        assumeSupported(p);
        final OpenClEngine engine = (OpenClEngine)backend.engine();
        try (DeviceVector theta = upload(backend, p, values(p, 4096, 1));
             DeviceVector grad = upload(backend, p, values(p, 4096, 2));
             DeviceVector state = backend.allocate(p, 4096))
        {
            backend.update(UpdateRule.ema(0.1, 0.9, 0.0, false), theta, grad, state, false);

            final List<ProfileInfo> profile = engine.lastLaunchProfile(p);
            Assumptions.assumeTrue(profile != null,
                "Aparapi profiles only with -Dcom.aparapi.enableProfiling=true");
            final List<String> events =
                profile.stream().map(info -> String.valueOf(info.getType())).toList();
            assertEquals(List.of("X"), events,
                "one execution, no buffer written or read: " + profile);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void heapGrowthKeepsEveryVectorOnTheDevice(final Precision p)
    {
        assumeSupported(p);
        final List<DeviceVector> vectors = new ArrayList<>();
        final List<double[]> contents = new ArrayList<>();
        try
        {
            // Enough elements in all to grow the heap several times past its first size.
            for (int i = 0; i < 12; i++)
            {
                final double[] v = values(p, (PrecisionPool.MIN_GROWN_CAPACITY / 3) + i, 10 + i);
                vectors.add(upload(backend, p, v));
                contents.add(v);
            }
            for (int i = 0; i < vectors.size(); i++)
            {
                assertArrayEquals(
                    contents.get(i), vectors.get(i).toDoubleArray(), 0.0, "vector " + i);
            }
        }
        finally
        {
            vectors.forEach(DeviceVector::close);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void releasedMemoryIsReusedZeroFilled(final Precision p)
    {
        assumeSupported(p);
        try (DeviceVector first = backend.allocate(p, 1000))
        {
            first.fill(7.0);
        }
        try (DeviceVector second = backend.allocate(p, 1000))
        {
            assertEquals(0.0, backend.squaredNorm(second), "a new vector is zero-filled");
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void partialTransfersAcrossStagingWindowsLandWhereAsked(final Precision p)
    {
        assumeSupported(p);
        final int length = 2 * OpenClEngine.STAGE_LENGTH + 11;
        final int count = OpenClEngine.STAGE_LENGTH + 7;
        final double[] src = values(p, count + 3, 5);
        try (DeviceVector v = backend.allocate(p, length))
        {
            if (p == Precision.F32)
            {
                v.write(5, toFloats(src), 3, count);
            }
            else
            {
                v.write(5, src, 3, count);
            }

            final double[] all = v.toDoubleArray();
            for (int i = 0; i < length; i++)
            {
                final double expected = i >= 5 && i < 5 + count ? src[i - 5 + 3] : 0.0;
                assertEquals(expected, all[i], "element " + i);
            }
        }
    }

    @Test
    void indexVectorsRoundTripAndSurviveGrowth()
    {
        final List<IndexVector> vectors = new ArrayList<>();
        try
        {
            for (int i = 0; i < 6; i++)
            {
                final int[] values = new Random(i).ints(1000 * (i + 1), 0, 1 << 20).toArray();
                vectors.add(backend.indices(values));
                assertArrayEquals(values, vectors.get(i).toIntArray());
            }
            final int[] first = new Random(0).ints(1000, 0, 1 << 20).toArray();
            assertArrayEquals(first, vectors.get(0).toIntArray(), "still there after growth");
        }
        finally
        {
            vectors.forEach(IndexVector::close);
        }
    }

    @Test
    void vectorsOfAClosedEngineRefuseToMoveData()
    {
        final Backend other = new Backend(OpenClEngine.open());
        final DeviceVector v = other.vector(new float[]{1.0f, 2.0f});
        other.close();

        final var ex = assertThrows(IllegalStateException.class, v::toFloatArray);

        assertEquals(
            "OpenCL F32 kernels cannot run any more: the engine is closed", ex.getMessage());
    }

    @Test
    void f64IsEitherSupportedOrRefusedNamingTheExtension()
    {
        final var refusal = backend.engine().precisionRefusal(Precision.F64);
        if (refusal.isPresent())
        {
            assertTrue(refusal.get().contains("cl_khr_fp64"), refusal.get());
            final var ex = assertThrows(
                UnsupportedOperationException.class, () -> backend.allocate(Precision.F64, 4));
            assertTrue(ex.getMessage().contains("cl_khr_fp64"), ex.getMessage());
            assertTrue(backend.device().endsWith("F32 only"), backend.device());
        }
        else
        {
            assertTrue(backend.device().endsWith("F32 and F64"), backend.device());
        }
        try (DeviceVector v = backend.vector(new float[]{1.5f, -2.0f}))
        {
            assertEquals(6.25, backend.squaredNorm(v), "F32 works whatever F64 does");
        }
    }

    @Test
    void aLaunchThatDoesNotRunOnTheDeviceIsAnErrorNamingTheKernel() throws Exception
    {
        final OpenCLDevice device =
            OpenClDevices.choose(System.getProperty(OpenClDevices.DEVICE_PROPERTY)).device();
        final HeapKernelF32 kernel = new HeapKernelF32(16);
        try
        {
            // A work-group larger than the device allows makes the OpenCL launch fail for real.
            final int tooLarge = device.getMaxWorkGroupSize() * 2;
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> new PrecisionPool(Precision.F32, kernel, device, tooLarge));

            assertTrue(ex.getMessage().startsWith("OpenCL F32 kernel bind did not run on "),
                ex.getMessage());
            assertEquals(1, kernel.fallbackCalls(),
                "Aparapi called the empty fallback instead of running the kernel on Java threads");
        }
        finally
        {
            kernel.dispose();
        }
    }

    private interface Run
    {
        double[] apply(Backend b);
    }

    private static double[] withLocalSize(final String localSize, final Run run)
    {
        final String before = System.getProperty(OpenClEngine.LOCAL_SIZE_PROPERTY);
        System.setProperty(OpenClEngine.LOCAL_SIZE_PROPERTY, localSize);
        try (Backend b = new Backend(OpenClEngine.open()))
        {
            return run.apply(b);
        }
        finally
        {
            if (before == null)
            {
                System.clearProperty(OpenClEngine.LOCAL_SIZE_PROPERTY);
            }
            else
            {
                System.setProperty(OpenClEngine.LOCAL_SIZE_PROPERTY, before);
            }
        }
    }

    private static double[] run(
        final Backend b, final Precision p, final double[] x, final double[] y,
        final double[] params, final int m, final int n, final double[] a)
    {
        final double[] results = new double[2 * (n + 1) + 3 + 2];
        try (DeviceMatrix dx = new DeviceMatrix(upload(b, p, x), m, n);
             DeviceVector dy = upload(b, p, y);
             DeviceVector dp = upload(b, p, params);
             DeviceVector dg = b.allocate(p, n + 1);
             DeviceVector da = upload(b, p, a);
             IndexVector idx = b.indices(new int[]{5, 17, 17, 3000, 0, 1234}))
        {
            results[0] = b.lossAndGradient(LossFunction.LEAST_SQUARES, dx, dy, dp, dg, Rows.all());
            System.arraycopy(dg.toDoubleArray(), 0, results, 1, n + 1);
            results[n + 2] =
                b.lossAndGradient(LossFunction.LOGISTIC, dx, dy, dp, dg, Rows.indices(idx));
            System.arraycopy(dg.toDoubleArray(), 0, results, n + 3, n + 1);
            results[2 * n + 4] = b.dot(da, da);
            results[2 * n + 5] = b.squaredNorm(da);
            results[2 * n + 6] = b.allFinite(da) ? 1.0 : 0.0;
        }
        return results;
    }

    private void assumeSupported(final Precision p)
    {
        Assumptions.assumeTrue(backend.supports(p),
            () -> p + " refused: " + backend.engine().precisionRefusal(p).orElse(""));
    }

    private static double[] values(final Precision p, final int n, final long seed)
    {
        final Random random = new Random(seed);
        final double[] v = new double[n];
        for (int i = 0; i < n; i++)
        {
            final double d = random.nextDouble() * 2.0 - 1.0;
            v[i] = p == Precision.F32 ? (float)d : d;
        }
        return v;
    }

    private static float[] toFloats(final double[] v)
    {
        final float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++)
        {
            f[i] = (float)v[i];
        }
        return f;
    }

    private static DeviceVector upload(final Backend b, final Precision p, final double[] v)
    {
        return p == Precision.F32 ? b.vector(toFloats(v)) : b.vector(v);
    }
}
