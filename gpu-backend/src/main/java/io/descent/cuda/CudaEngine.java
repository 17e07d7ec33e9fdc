package io.descent.cuda;

import io.descent.backend.BackendEngine;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.Precision;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasStatus;
import jcuda.runtime.cudaStream_t;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CUDA engine: one stream, device-resident vectors and scratch buffers, kernels from the
 * module the probe loaded, and optionally a cuBLAS handle bound to the same stream.
 *
 * <p>Kernels are queued on the engine's stream and do not wait; reading a vector, or a
 * reduction's scalar result, synchronises. An update step launches exactly one fused kernel for
 * the whole vector (a {@link io.descent.memory.ParameterBlock} therefore updates every tensor
 * with one launch) and copies nothing to or from the host. A loss and gradient copies one
 * {@code double} (the loss) back; a dot product, a norm or a finiteness test one {@code double}.
 *
 * <p>Reductions and gradients combine partial sums in an order that depends only on the
 * lengths (see {@link LaunchGeometry}), so repeating a call gives bit-identical results. The
 * cuBLAS path and the fused kernel add in different orders and agree within the documented
 * reduction tolerance, not bit for bit.
 *
 * <p>Not thread-safe; the engine makes its device's primary context current on the calling
 * thread at every call, so it may be used from different threads one after another.
 */
public final class CudaEngine implements BackendEngine
{
    private static final System.Logger LOG = System.getLogger(CudaEngine.class.getName());

    private final CudaDevice device;
    private final GradientPath path;
    private final CUstream stream = new CUstream();
    private final Kernels kernels;
    private final cublasHandle cublas;
    private final Set<AutoCloseable> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final CUdeviceptr partial = new CUdeviceptr();
    private final CUdeviceptr sums = new CUdeviceptr();
    private final Scratch gradientScratch = new Scratch("gradient partial sums");
    private final Scratch rowScratchZ = new Scratch("row products");
    private final Scratch rowScratchE = new Scratch("row residuals");
    private boolean closed;

    /**
     * Opens an engine on the probed device.
     *
     * @param path the gradient path; {@link GradientPath#CUBLAS} needs cuBLAS.
     * @throws IllegalStateException if the probe found no usable device, or cuBLAS was asked for
     *     and is unavailable, naming the reason.
     */
    public static CudaEngine open(final GradientPath path)
    {
        return open(path, 0);
    }

    /**
     * Opens an engine whose element-wise grids are capped as if the device had
     * {@code multiprocessors} multiprocessors (0: the real count), so that tests can show that
     * results do not depend on the launch geometry.
     */
    static CudaEngine open(final GradientPath path, final int multiprocessors)
    {
        final CudaProbe.Result probe = CudaProbe.result();
        if (probe.device() == null)
        {
            throw new IllegalStateException("CUDA backend unavailable: "
                + probe.availability().detail());
        }
        if (path == GradientPath.CUBLAS && !probe.device().hasCublas())
        {
            throw new IllegalStateException("cuBLAS gradients requested but "
                + probe.device().cublasReason());
        }
        final int sms = multiprocessors > 0 ? multiprocessors : probe.device().multiprocessors();
        return new CudaEngine(probe.device(), path, sms);
    }

    private CudaEngine(final CudaDevice device, final GradientPath path, final int multiprocessors)
    {
        this.device = device;
        this.path = path;
        enter();
        Cu.check("cuStreamCreate",
            () -> JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT));
        this.kernels = new Kernels(device.functions(), stream, multiprocessors);
        final long partialBytes = 2L * LaunchGeometry.REDUCE_BLOCKS * Sizeof.DOUBLE;
        Cu.check("cuMemAlloc of reduction scratch",
            () -> JCudaDriver.cuMemAlloc(partial, partialBytes));
        Cu.check("cuMemAlloc of reduction results",
            () -> JCudaDriver.cuMemAlloc(sums, 2L * Sizeof.DOUBLE));
        this.cublas = path == GradientPath.CUBLAS ? createCublas() : null;
        LOG.log(System.Logger.Level.DEBUG, "CUDA engine opened: " + device());
    }

    /** @return the gradient path this engine uses for row ranges and all rows. */
    public GradientPath gradientPath()
    {
        return path;
    }

    @Override
    public String name()
    {
        return CudaBackendProvider.NAME;
    }

    @Override
    public String device()
    {
        return device.describe(path);
    }

    @Override
    public Optional<String> precisionRefusal(final Precision precision)
    {
        return Optional.empty();
    }

    /** @return the element count of F32 vector filling the whole device memory. */
    @Override
    public long maxLength()
    {
        return device.totalBytes() / Float.BYTES;
    }

    @Override
    public DeviceVector allocate(final Precision precision, final long length)
    {
        final long bytes = length * precision.sizeBytes();
        final CUdeviceptr pointer = allocateBytes(bytes, precision + "[" + length + "]");

        final CudaVector v = new CudaVector(this, precision, length, pointer);
        live.add(v);
        return v;
    }

    @Override
    public IndexVector allocateIndices(final int length)
    {
        final CUdeviceptr pointer = allocateBytes((long)length * Sizeof.INT, "int[" + length + "]");

        final CudaIndexVector v = new CudaIndexVector(this, length, pointer);
        live.add(v);
        return v;
    }

    /**
     * One fused launch over every element; the formulas are in {@link UpdateRule}. Reads grad,
     * reads and writes theta and state, each once per element.
     */
    @Override
    public void update(
        final UpdateRule rule, final DeviceVector theta, final DeviceVector grad,
        final DeviceVector state, final boolean firstStep)
    {
        final CudaVector t = (CudaVector)theta;
        final CudaVector g = (CudaVector)grad;
        final CudaVector b = (CudaVector)state;
        final Precision p = t.precision();
        final long n = t.length();
        final String s = suffix(p);
        final int maximize = rule.maximize() ? 1 : 0;
        final int nesterov = rule.nesterov() ? 1 : 0;
        enter();

        switch (rule.kind())
        {
            case PLAIN -> kernels.elementwise("update_plain_" + s, n,
                t.pointer(), g.pointer(), n,
                scalar(p, rule.lr()), scalar(p, rule.weightDecay()), maximize);
            case MOMENTUM -> kernels.elementwise("update_momentum_" + s, n,
                t.pointer(), g.pointer(), b.pointer(), n,
                scalar(p, rule.lr()), scalar(p, rule.momentum()), scalar(p, 1.0 - rule.dampening()),
                scalar(p, rule.weightDecay()), nesterov, maximize, firstStep ? 1 : 0);
            case EMA -> kernels.elementwise("update_ema_" + s, n,
                t.pointer(), g.pointer(), b.pointer(), n,
                scalar(p, rule.lr()), scalar(p, rule.momentum()), scalar(p, rule.weightDecay()),
                maximize);
            case VELOCITY -> kernels.elementwise("update_velocity_" + s, n,
                t.pointer(), g.pointer(), b.pointer(), n,
                scalar(p, rule.lr()), scalar(p, rule.momentum()), scalar(p, rule.weightDecay()),
                nesterov, maximize);
            default -> throw new IllegalArgumentException("unknown update kind: " + rule.kind());
        }
    }

    @Override
    public double lossAndGradient(
        final LossFunction loss, final DeviceMatrix x, final DeviceVector y,
        final DeviceVector params, final DeviceVector grad, final Rows rows)
    {
        enter();
        final boolean gemv = cublas != null && rows.kind() != Rows.Kind.INDICES && x.cols() > 0;
        if (gemv)
        {
            cublasGradient(loss, x, (CudaVector)y, (CudaVector)params, (CudaVector)grad, rows);
        }
        else
        {
            fusedGradient(loss, x, (CudaVector)y, (CudaVector)params, (CudaVector)grad, rows);
        }
        return readSum(0);
    }

    /** Writes zᵢ or σ(zᵢ) per row; one thread per row, columns added in order, in double. */
    @Override
    public void predict(
        final LossFunction loss, final DeviceMatrix x, final DeviceVector params,
        final DeviceVector out)
    {
        final CudaVector data = (CudaVector)x.data();
        enter();

        kernels.elementwise("predict_" + suffix(data.precision()), x.rows(),
            data.pointer(), ((CudaVector)params).pointer(), x.rows(), x.cols(), logistic(loss),
            ((CudaVector)out).pointer());
    }

    @Override
    public double dot(final DeviceVector a, final DeviceVector b)
    {
        final CudaVector va = (CudaVector)a;
        if (va.length() == 0)
        {
            return 0.0;
        }
        enter();

        kernels.reduction("dot_partial_" + suffix(va.precision()),
            va.pointer(), ((CudaVector)b).pointer(), va.length(), partial);
        kernels.launch("sum_partials", 1, LaunchGeometry.REDUCE_THREADS, partial,
            LaunchGeometry.REDUCE_BLOCKS, sums);
        return readSum(0);
    }

    @Override
    public double squaredNorm(final DeviceVector a)
    {
        return dot(a, a);
    }

    @Override
    public boolean allFinite(final DeviceVector a)
    {
        final CudaVector va = (CudaVector)a;
        if (va.length() == 0)
        {
            return true;
        }
        enter();

        kernels.reduction("nonfinite_partial_" + suffix(va.precision()),
            va.pointer(), va.length(), partial);
        kernels.launch("sum_partials", 1, LaunchGeometry.REDUCE_THREADS, partial,
            LaunchGeometry.REDUCE_BLOCKS, sums);
        return readSum(0) == 0.0;
    }

    /**
     * Closes every vector still open (later use of them throws {@link IllegalStateException}),
     * then frees the scratch buffers, the cuBLAS handle and the stream. The device's primary
     * context and module stay loaded for engines opened later. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        enter();
        final List<AutoCloseable> open = new ArrayList<>(live);
        for (final AutoCloseable v : open)
        {
            closeQuietly(v);
        }

        closed = true;
        gradientScratch.free();
        rowScratchZ.free();
        rowScratchE.free();
        JCudaDriver.cuMemFree(partial);
        JCudaDriver.cuMemFree(sums);
        if (cublas != null)
        {
            JCublas2.cublasDestroy(cublas);
        }
        JCudaDriver.cuStreamSynchronize(stream);
        JCudaDriver.cuStreamDestroy(stream);
    }

    @Override
    public String toString()
    {
        return name() + " (" + device() + ")";
    }

    /** Waits for every kernel queued on this engine's stream; throws if one of them failed. */
    void synchronize()
    {
        enter();
        Cu.check("cuStreamSynchronize", () -> JCudaDriver.cuStreamSynchronize(stream));
    }

    void copy(final CudaVector dst, final CudaVector src)
    {
        if (dst.sizeBytes() > 0)
        {
            enter();
            Cu.check("cuMemcpyDtoDAsync", () -> JCudaDriver.cuMemcpyDtoDAsync(
                dst.pointer(), src.pointer(), dst.sizeBytes(), stream));
        }
    }

    void fill(final CudaVector v, final double value)
    {
        enter();
        if (Double.doubleToRawLongBits(value) == 0L && v.sizeBytes() > 0)
        {
            Cu.check("cuMemsetD8Async",
                () -> JCudaDriver.cuMemsetD8Async(v.pointer(), (byte)0, v.sizeBytes(), stream));
            return;
        }
        kernels.elementwise("fill_" + suffix(v.precision()), v.length(), v.pointer(), v.length(),
            scalar(v.precision(), value));
    }

    void free(final CudaVector v)
    {
        free(v.pointer(), v, v.sizeBytes());
    }

    /** Frees after the stream has drained, so no queued kernel still reads the memory. */
    void free(final CUdeviceptr pointer, final AutoCloseable owner, final long bytes)
    {
        live.remove(owner);
        if (bytes > 0)
        {
            synchronize();
            JCudaDriver.cuMemFree(pointer);
        }
    }

    private void fusedGradient(
        final LossFunction loss, final DeviceMatrix x, final CudaVector y, final CudaVector params,
        final CudaVector grad, final Rows rows)
    {
        final int m = rows.count(x.rows());
        final int cols = x.cols();
        final int chunks = LaunchGeometry.gradientChunks(m);
        final String s = suffix(params.precision());
        final CUdeviceptr indices = rows.kind() == Rows.Kind.INDICES
            ? ((CudaIndexVector)rows.indexVector()).pointer() : new CUdeviceptr();
        final long scratchBytes = (long)chunks * (cols + 2) * Sizeof.DOUBLE;
        final CUdeviceptr scratch = gradientScratch.atLeast(scratchBytes);

        kernels.launch("grad_fused_" + s, chunks, LaunchGeometry.REDUCE_THREADS,
            ((CudaVector)x.data()).pointer(), y.pointer(), params.pointer(),
            cols, m, rows.start(), indices, logistic(loss), scratch);
        kernels.elementwise("grad_finish_" + s, cols + 2L,
            scratch, chunks, cols, 1.0 / m, grad.pointer(), sums);
    }

    /**
     * z = X_r w by GEMV, residuals and their sums by the residual kernel, ∇w = (1/m)·X_rᵀe by a
     * second GEMV, intercept and loss by grad_finish over the residual kernel's partial sums.
     * Row-major X_r (m x cols) is the column-major cols x m matrix A with lda = cols, so
     * z = Aᵀw and ∇w = A·e/m.
     */
    private void cublasGradient(
        final LossFunction loss, final DeviceMatrix x, final CudaVector y, final CudaVector params,
        final CudaVector grad, final Rows rows)
    {
        final int m = rows.count(x.rows());
        final int cols = x.cols();
        final Precision p = params.precision();
        final String s = suffix(p);
        final CUdeviceptr a = ((CudaVector)x.data()).at((long)rows.start() * cols);
        final CUdeviceptr z = rowScratchZ.atLeast((long)m * p.sizeBytes());
        final CUdeviceptr e = rowScratchE.atLeast((long)m * p.sizeBytes());

        gemv(p, cublasOperation.CUBLAS_OP_T, cols, m, 1.0, a, params.pointer(), z);
        kernels.reduction("residual_" + s, z, y.pointer(), params.pointer(), cols, m, rows.start(),
            logistic(loss), e, partial);
        gemv(p, cublasOperation.CUBLAS_OP_N, cols, m, 1.0 / m, a, e, grad.pointer());
        kernels.launch("grad_finish_" + s, 1, LaunchGeometry.THREADS,
            partial, LaunchGeometry.REDUCE_BLOCKS, 0, 1.0 / m, grad.at(cols), sums);
    }

    private void gemv(
        final Precision p, final int op, final int rowsA, final int colsA, final double alpha,
        final CUdeviceptr a, final CUdeviceptr v, final CUdeviceptr out)
    {
        final int status;
        if (p == Precision.F32)
        {
            final Pointer alphaF32 = Pointer.to(new float[] {(float)alpha});
            final Pointer zeroF32 = Pointer.to(new float[] {0.0f});
            status = JCublas2.cublasSgemv(cublas, op, rowsA, colsA, alphaF32, a, rowsA, v, 1,
                zeroF32, out, 1);
        }
        else
        {
            final Pointer alphaF64 = Pointer.to(new double[] {alpha});
            final Pointer zeroF64 = Pointer.to(new double[] {0.0});
            status = JCublas2.cublasDgemv(cublas, op, rowsA, colsA, alphaF64, a, rowsA, v, 1,
                zeroF64, out, 1);
        }
        if (status != cublasStatus.CUBLAS_STATUS_SUCCESS)
        {
            throw new CudaFailureException(
                "cuBLAS GEMV failed: " + cublasStatus.stringFor(status), status);
        }
    }

    private cublasHandle createCublas()
    {
        final cublasHandle handle = new cublasHandle();
        final int created = JCublas2.cublasCreate(handle);
        if (created != cublasStatus.CUBLAS_STATUS_SUCCESS)
        {
            throw new CudaFailureException("cublasCreate failed: "
                + cublasStatus.stringFor(created), created);
        }
        JCublas2.cublasSetStream(handle, new cudaStream_t(stream));
        return handle;
    }

    private double readSum(final int index)
    {
        final double[] host = new double[1];
        synchronize();
        final CUdeviceptr src = sums.withByteOffset((long)index * Sizeof.DOUBLE);
        Cu.check("cuMemcpyDtoH of a reduction result",
            () -> JCudaDriver.cuMemcpyDtoH(Pointer.to(host), src, Sizeof.DOUBLE));
        return host[0];
    }

    /**
     * @return device memory of {@code bytes} bytes, zero-filled; a null pointer for 0 bytes.
     * @throws DeviceMemoryException naming the size and the free memory when the device is full.
     */
    private CUdeviceptr allocateBytes(final long bytes, final String what)
    {
        final CUdeviceptr pointer = new CUdeviceptr();
        if (bytes == 0)
        {
            return pointer;
        }
        enter();
        final int result = Cu.call(() -> JCudaDriver.cuMemAlloc(pointer, bytes));
        if (result == CUresult.CUDA_ERROR_OUT_OF_MEMORY)
        {
            final long[] free = new long[1];
            final long[] total = new long[1];
            JCudaDriver.cuMemGetInfo(free, total);
            throw new DeviceMemoryException(what, bytes, free[0], total[0], result);
        }
        if (result != CUresult.CUDA_SUCCESS)
        {
            throw new CudaFailureException("cuMemAlloc of " + bytes + " bytes for " + what
                + " failed: " + Cu.name(result), result);
        }
        Cu.check("cuMemsetD8Async",
            () -> JCudaDriver.cuMemsetD8Async(pointer, (byte)0, bytes, stream));
        return pointer;
    }

    private void enter()
    {
        if (closed)
        {
            throw new IllegalStateException("CUDA engine is closed");
        }
        Cu.check("cuCtxSetCurrent", () -> JCudaDriver.cuCtxSetCurrent(device.context()));
    }

    private static Object scalar(final Precision p, final double value)
    {
        return p == Precision.F32 ? (Object)(float)value : (Object)value;
    }

    private static String suffix(final Precision p)
    {
        return p == Precision.F32 ? "f32" : "f64";
    }

    private static int logistic(final LossFunction loss)
    {
        return loss == LossFunction.LOGISTIC ? 1 : 0;
    }

    private static void closeQuietly(final AutoCloseable v)
    {
        try
        {
            v.close();
        }
        catch (final Exception e)
        {
            LOG.log(System.Logger.Level.WARNING, "closing " + v + " failed: " + e.getMessage());
        }
    }

    /** A device buffer that grows on demand; a failed growth keeps the old buffer. */
    private final class Scratch
    {
        private final String what;
        private CUdeviceptr pointer = new CUdeviceptr();
        private long bytes;

        Scratch(final String what)
        {
            this.what = what;
        }

        CUdeviceptr atLeast(final long needed)
        {
            if (needed > bytes)
            {
                final CUdeviceptr grown = allocateBytes(needed, what);
                free();
                pointer = grown;
                bytes = needed;
            }
            return pointer;
        }

        void free()
        {
            if (bytes > 0)
            {
                JCudaDriver.cuStreamSynchronize(stream);
                JCudaDriver.cuMemFree(pointer);
                pointer = new CUdeviceptr();
                bytes = 0;
            }
        }
    }
}
