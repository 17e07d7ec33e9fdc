package io.descent.opencl;

import com.aparapi.ProfileInfo;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import io.descent.backend.Availability;
import io.descent.backend.BackendEngine;
import io.descent.backend.BackendUnavailableException;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.Precision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OpenCL backend, through Aparapi: every kernel of {@link BackendEngine} on one OpenCL
 * device, with the data kept there.
 *
 * <p>Each precision has one device heap (a Java array that Aparapi keeps on the device in
 * explicit mode) holding all of its vectors; see {@link HeapKernel}. Kernels move no data
 * between host and device; only {@code write}, {@code read}, the scalar results of reductions
 * and index-vector writes do. Both heap kernels are compiled for the device when the engine
 * opens, so a kernel Aparapi cannot translate is a refusal at open time, not a quiet run on
 * Java threads; a launch that Aparapi did not run on the device is an {@link IllegalStateException}
 * naming the kernel.
 *
 * <p>Limits: a vector has at most {@code Integer.MAX_VALUE - 8} elements (the heap is a Java
 * array, indexed by {@code int}), and all vectors of one precision together must fit in the
 * device's largest buffer ({@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}). F64 needs a device with
 * {@code cl_khr_fp64}; elsewhere this engine refuses F64 and F32 still works. F32 reductions
 * accumulate in F32 (F64 may be missing), in the fixed chunked order of {@link PrecisionPool}.
 */
public final class OpenClEngine implements BackendEngine
{
    /** System property: the work-group size of every launch; it never changes a result. */
    public static final String LOCAL_SIZE_PROPERTY = "descent.opencl.localSize";

    /** Aparapi's own system property that forces a legacy execution mode. */
    private static final String EXECUTION_MODE_PROPERTY = "com.aparapi.executionMode";

    /** Elements moved per transfer through a kernel's staging window. */
    static final int STAGE_LENGTH = 1 << 18;

    private static final int DEFAULT_LOCAL_SIZE = 64;

    private final String description;
    private final PrecisionPool f32;
    private final PrecisionPool f64;
    private final String f64Refusal;
    private final IndexHeap indices;
    private boolean closed;

    private OpenClEngine(final OpenCLDevice device, final int localSize)
        throws CompileFailedException
    {
        final HeapKernelF32 kernel32 = new HeapKernelF32(STAGE_LENGTH);
        try
        {
            this.f32 = new PrecisionPool(Precision.F32, kernel32, device, localSize);
        }
        catch (final CompileFailedException | RuntimeException | AssertionError ex)
        {
            kernel32.dispose();
            throw ex;
        }

        PrecisionPool doubles = null;
        String refusal = null;
        final HeapKernelF64 kernel64 = new HeapKernelF64(STAGE_LENGTH);
        try
        {
            doubles = new PrecisionPool(Precision.F64, kernel64, device, localSize);
        }
        catch (final CompileFailedException | RuntimeException | AssertionError ex)
        {
            kernel64.dispose();
            refusal = "F64 needs a device with cl_khr_fp64; the F64 kernels do not run on "
                + device.getName().trim() + ": " + Availability.describe(ex);
        }
        this.f64 = doubles;
        this.f64Refusal = refusal;

        final List<HeapKernel> kernels = new ArrayList<>();
        kernels.add(kernel32);
        if (f64 != null)
        {
            kernels.add(kernel64);
        }
        this.indices = new IndexHeap(kernels);
        this.description = OpenClDevices.describe(device)
            + (f64 == null ? ", F32 only" : ", F32 and F64");
    }

    /**
     * Opens the engine on the device chosen by {@link OpenClDevices#DEVICE_PROPERTY}, compiling
     * its kernels there.
     *
     * @throws BackendUnavailableException with the reason when there is no such device or the
     *     F32 kernels cannot run on it.
     */
    public static OpenClEngine open()
    {
        AparapiLogging.apply();
        final OpenClDevices.Choice choice =
            OpenClDevices.choose(System.getProperty(OpenClDevices.DEVICE_PROPERTY));
        if (choice.device() == null)
        {
            throw new BackendUnavailableException(choice.reason());
        }
        final OpenCLDevice device = choice.device();
        final int localSize = localSize(device);

        // Aparapi defaults to CL_MEM_USE_HOST_PTR buffers, right for a CPU device (the Java array
        // is the device memory) but on a GPU it lets the driver shuttle the array across the bus;
        // without shared memory the buffers are created in the device's own memory.
        device.setSharedMemory(device.getType() == Device.TYPE.CPU);
        try
        {
            return new OpenClEngine(device, localSize);
        }
        catch (final CompileFailedException | RuntimeException | AssertionError ex)
        {
            // Aparapi throws AssertionError when its legacy execution mode excludes the device.
            final String mode = System.getProperty(EXECUTION_MODE_PROPERTY);
            throw new BackendUnavailableException("Aparapi cannot run the F32 kernels on "
                + device.getName().trim() + " and would fall back to Java threads: "
                + Availability.describe(ex)
                + (mode == null ? "" : " (" + EXECUTION_MODE_PROPERTY + "=" + mode + " is set)"),
                ex);
        }
    }

    private static int localSize(final OpenCLDevice device)
    {
        final int deviceMax = device.getMaxWorkGroupSize();
        final String text = System.getProperty(LOCAL_SIZE_PROPERTY);
        if (text == null || text.isBlank())
        {
            return Math.min(DEFAULT_LOCAL_SIZE, deviceMax);
        }
        final int size;
        try
        {
            size = Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new BackendUnavailableException(
                LOCAL_SIZE_PROPERTY + " must be an integer: " + text);
        }
        if (size < 1 || size > deviceMax)
        {
            throw new BackendUnavailableException(LOCAL_SIZE_PROPERTY + " must be in [1, "
                + deviceMax + "] on " + device.getName().trim() + ": " + size);
        }
        return size;
    }

    @Override
    public String name()
    {
        return OpenClProvider.NAME;
    }

    @Override
    public String device()
    {
        return description;
    }

    @Override
    public Optional<String> precisionRefusal(final Precision precision)
    {
        return precision == Precision.F64 && f64 == null
            ? Optional.of(f64Refusal)
            : Optional.empty();
    }

    /**
     * @return the largest vector length: {@code Integer.MAX_VALUE - 8} (a Java array) or less
     *     where the device's largest buffer holds fewer elements of a supported precision; all
     *     vectors of one precision share that one buffer.
     */
    @Override
    public long maxLength()
    {
        return f64 == null ? f32.maxElements() : Math.min(f32.maxElements(), f64.maxElements());
    }

    @Override
    public DeviceVector allocate(final Precision precision, final long length)
    {
        checkOpen();
        return new OpenClVector(this, pool(precision), (int)length);
    }

    @Override
    public IndexVector allocateIndices(final int length)
    {
        checkOpen();
        return new OpenClIndexVector(this, indices, length);
    }

    @Override
    public void update(final UpdateRule rule, final DeviceVector theta, final DeviceVector grad,
        final DeviceVector state, final boolean firstStep)
    {
        checkOpen();
        final OpenClVector t = (OpenClVector)theta;
        final OpenClVector g = (OpenClVector)grad;
        final int stateOffset = state == null ? 0 : ((OpenClVector)state).offset();
        final int flags = kindCode(rule.kind())
            | (rule.nesterov() ? HeapKernel.FLAG_NESTEROV : 0)
            | (rule.maximize() ? HeapKernel.FLAG_MAXIMIZE : 0)
            | (firstStep ? HeapKernel.FLAG_FIRST_STEP : 0);
        final double[] scalars = {
            rule.lr(), rule.momentum(), 1.0 - rule.dampening(), rule.weightDecay(),
            1.0 - rule.momentum()};

        t.pool().update(flags, scalars, t.offset(), g.offset(), stateOffset, t.size());
    }

    @Override
    public double lossAndGradient(
        final LossFunction loss, final DeviceMatrix x, final DeviceVector y,
        final DeviceVector params, final DeviceVector grad, final Rows rows)
    {
        checkOpen();
        final OpenClVector data = (OpenClVector)x.data();
        final int m = rows.count(x.rows());
        int rowStart = rows.start();
        int indexBase = -1;
        if (rows.kind() == Rows.Kind.INDICES)
        {
            rowStart = 0;
            indexBase = ((OpenClIndexVector)rows.indexVector()).offset() + rows.from();
        }

        return data.pool().lossAndGradient(loss == LossFunction.LOGISTIC, data.offset(), x.cols(),
            ((OpenClVector)y).offset(), ((OpenClVector)params).offset(),
            ((OpenClVector)grad).offset(), m, rowStart, indexBase);
    }

    @Override
    public void predict(final LossFunction loss, final DeviceMatrix x, final DeviceVector params,
        final DeviceVector out)
    {
        checkOpen();
        final OpenClVector data = (OpenClVector)x.data();
        data.pool().predict(loss == LossFunction.LOGISTIC, data.offset(), x.rows(), x.cols(),
            ((OpenClVector)params).offset(), ((OpenClVector)out).offset());
    }

    /** @return Σ aᵢbᵢ, accumulated in the vectors' precision, in {@link PrecisionPool}'s order. */
    @Override
    public double dot(final DeviceVector a, final DeviceVector b)
    {
        checkOpen();
        final OpenClVector va = (OpenClVector)a;
        return va.pool().dot(va.offset(), ((OpenClVector)b).offset(), va.size());
    }

    @Override
    public double squaredNorm(final DeviceVector a)
    {
        checkOpen();
        final OpenClVector va = (OpenClVector)a;
        return va.pool().dot(va.offset(), va.offset(), va.size());
    }

    @Override
    public boolean allFinite(final DeviceVector a)
    {
        checkOpen();
        final OpenClVector va = (OpenClVector)a;
        return va.pool().allFinite(va.offset(), va.size());
    }

    /** @return bytes moved between host and device by the vectors of both precisions so far. */
    long transferredBytes()
    {
        return f32.transferredBytes() + (f64 == null ? 0 : f64.transferredBytes());
    }

    /** @return Aparapi's profile of the last launch in {@code precision}, null unless profiling. */
    List<ProfileInfo> lastLaunchProfile(final Precision precision)
    {
        return pool(precision).lastLaunchProfile();
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            f32.dispose();
            if (f64 != null)
            {
                f64.dispose();
            }
        }
    }

    @Override
    public String toString()
    {
        return name() + " (" + description + ")";
    }

    private PrecisionPool pool(final Precision precision)
    {
        return precision == Precision.F32 ? f32 : f64;
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("OpenCL engine is closed: " + description);
        }
    }

    private static int kindCode(final UpdateRule.Kind kind)
    {
        return switch (kind)
        {
            case PLAIN -> HeapKernel.KIND_PLAIN;
            case MOMENTUM -> HeapKernel.KIND_MOMENTUM;
            case EMA -> HeapKernel.KIND_EMA;
            case VELOCITY -> HeapKernel.KIND_VELOCITY;
        };
    }
}
