package io.descent.cuda;

import io.descent.backend.Availability;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasStatus;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

/**
 * Finds out, once per JVM, whether the CUDA backend can run, and opens the device if so.
 *
 * <p>A failed static initialiser leaves a JCuda class unusable for the rest of the JVM (a
 * second touch gives {@link NoClassDefFoundError}), so the probe runs its steps only once and
 * every later call returns the same answer. Each step that can fail becomes one readable
 * reason: the JCuda native library or {@code libcuda.so.1} not loading, {@code cuInit} failing,
 * no device, a driver older than the PTX needs with no run-time compiler to fall back on. A
 * missing {@code libcublas} is not a failure: the backend then computes gradients with its
 * own kernels and its device description says so.
 *
 * <p>The probe neither enables nor disables JCuda's exceptions (a global setting another
 * library may rely on); it checks every result code itself, through {@link Cu}.
 */
public final class CudaProbe
{
    /** System property: the device index to use, default 0. */
    public static final String DEVICE_PROPERTY = "descent.cuda.device";

    /**
     * System property: {@code true} skips the shipped PTX and compiles the CUDA source with
     * NVRTC, so that the fallback can be checked on a driver that would accept the PTX.
     */
    public static final String FORCE_NVRTC_PROPERTY = "descent.cuda.forceNvrtc";

    /** The kernel module, as a resource base name. */
    public static final String MODULE = "descent_kernels";

    /** Every kernel the engine launches; each must be present in the module. */
    static final List<String> KERNELS = List.of(
        "sum_partials",
        "update_plain_f32", "update_momentum_f32", "update_ema_f32", "update_velocity_f32",
        "fill_f32", "dot_partial_f32", "nonfinite_partial_f32", "grad_fused_f32", "grad_finish_f32",
        "residual_f32", "predict_f32",
        "update_plain_f64", "update_momentum_f64", "update_ema_f64", "update_velocity_f64",
        "fill_f64", "dot_partial_f64", "nonfinite_partial_f64", "grad_fused_f64", "grad_finish_f64",
        "residual_f64", "predict_f64");

    private static final System.Logger LOG = System.getLogger(CudaProbe.class.getName());
    private static final Pattern MISSING_LIBRARY =
        Pattern.compile("(lib[\\w.+-]+\\.so[\\w.]*): cannot open shared object file");

    private static Result result;

    private CudaProbe()
    {
    }

    /**
     * The outcome of the probe.
     *
     * @param availability what the SPI reports.
     * @param device       the opened device when available, else null.
     */
    public record Result(Availability availability, CudaDevice device)
    {
    }

    /** @return the probe's answer; computed on the first call, the same object afterwards. */
    public static synchronized Result result()
    {
        if (result == null)
        {
            result = run();
        }
        return result;
    }

    /** @return the availability only; never throws. */
    public static Availability availability()
    {
        return result().availability();
    }

    private static Result run()
    {
        try
        {
            return openDevice();
        }
        catch (final Throwable t)
        {
            return unavailable(missingLibrary(t) != null
                ? describeLoadFailure(t)
                : "the CUDA probe failed: " + firstLine(t));
        }
    }

    private static Result openDevice()
    {
        final int init;
        try
        {
            init = Cu.call(() -> JCudaDriver.cuInit(0));
        }
        catch (final LinkageError e)
        {
            return unavailable(describeLoadFailure(e));
        }
        final int driverVersion = driverVersion();
        if (init != CUresult.CUDA_SUCCESS)
        {
            return unavailable("cuInit failed with " + Cu.name(init) + " (driver "
                + PtxResource.cudaVersion(driverVersion) + "; " + initHint(init) + ")");
        }
        final int[] count = new int[1];
        Cu.check("cuDeviceGetCount", () -> JCudaDriver.cuDeviceGetCount(count));
        final int ordinal = Integer.getInteger(DEVICE_PROPERTY, 0);
        if (count[0] == 0)
        {
            return unavailable("no CUDA device found (driver "
                + PtxResource.cudaVersion(driverVersion) + ")");
        }
        if (ordinal < 0 || ordinal >= count[0])
        {
            return unavailable(DEVICE_PROPERTY + " must be in [0, " + count[0] + "): " + ordinal);
        }
        return openModule(ordinal, driverVersion);
    }

    private static Result openModule(final int ordinal, final int driverVersion)
    {
        final CUdevice device = new CUdevice();
        Cu.check("cuDeviceGet", () -> JCudaDriver.cuDeviceGet(device, ordinal));
        final CUcontext context = new CUcontext();
        Cu.check("cuDevicePrimaryCtxRetain",
            () -> JCudaDriver.cuDevicePrimaryCtxRetain(context, device));
        Cu.check("cuCtxSetCurrent", () -> JCudaDriver.cuCtxSetCurrent(context));
        final int major = attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        final int minor = attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);

        final PtxResource ptx = PtxResource.load(MODULE);
        final CUmodule module = new CUmodule();
        final boolean forceNvrtc = Boolean.getBoolean(FORCE_NVRTC_PROPERTY);
        final int loaded = forceNvrtc
            ? CUresult.CUDA_ERROR_NOT_SUPPORTED
            : Cu.call(() -> JCudaDriver.cuModuleLoadData(module, ptx.image()));
        String origin = "PTX " + ptx.field("source").replaceAll(".*/", "") + " (toolkit "
            + ptx.field("toolkit") + ", " + architecture(ptx) + ")";
        if (loaded != CUresult.CUDA_SUCCESS)
        {
            final String refusal = forceNvrtc
                ? "-D" + FORCE_NVRTC_PROPERTY + "=true skipped the shipped PTX"
                : ptxRefusal(loaded, driverVersion, ptx.driverMin());
            final String compiled = compileAtRunTime(ptx, major, minor, module);
            if (compiled.startsWith("failed"))
            {
                return unavailable(refusal + "; run-time compilation with NVRTC " + compiled);
            }
            origin = compiled + ", after " + refusal;
        }
        return available(ordinal, device, context, module, major, minor, driverVersion, origin);
    }

    private static Result available(
        final int ordinal, final CUdevice device, final CUcontext context, final CUmodule module,
        final int major, final int minor, final int driverVersion, final String origin)
    {
        final Map<String, CUfunction> functions = new LinkedHashMap<>();
        for (final String kernel : KERNELS)
        {
            final CUfunction f = new CUfunction();
            Cu.check("cuModuleGetFunction " + kernel,
                () -> JCudaDriver.cuModuleGetFunction(f, module, kernel));
            functions.put(kernel, f);
        }
        final byte[] nameBytes = new byte[256];
        Cu.check("cuDeviceGetName",
            () -> JCudaDriver.cuDeviceGetName(nameBytes, nameBytes.length, device));
        final long[] total = new long[1];
        Cu.check("cuDeviceTotalMem", () -> JCudaDriver.cuDeviceTotalMem(total, device));
        final int sms = attribute(device, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        final int[] cublasVersion = new int[1];
        final String cublasReason = probeCublas(cublasVersion);

        final CudaDevice opened = new CudaDevice(
            ordinal, device, context, module, Map.copyOf(functions), cString(nameBytes),
            major, minor, sms, total[0], driverVersion, origin, cublasVersion[0], cublasReason);
        return new Result(Availability.available(opened.describe(requestedPath(opened))), opened);
    }

    /**
     * @return why the shipped PTX did not load: the driver version found and the one needed
     *     when the driver is older than the PTX requires, else the driver's error alone.
     */
    static String ptxRefusal(final int result, final int driverVersion, final int driverMin)
    {
        final String found = "driver " + PtxResource.cudaVersion(driverVersion) + " ("
            + driverVersion + ")";
        if (driverVersion < driverMin)
        {
            return "the shipped PTX did not load (" + Cu.name(result) + "): it needs a driver for"
                + " CUDA " + PtxResource.cudaVersion(driverMin) + " or newer (driver version >= "
                + driverMin + "), found " + found;
        }
        return "the shipped PTX did not load (" + Cu.name(result) + ") on " + found
            + ", which meets its minimum " + driverMin;
    }

    /** @return the path {@value GradientPath#PROPERTY} asks for; auto when it is not valid. */
    private static GradientPath requestedPath(final CudaDevice device)
    {
        try
        {
            final String requested = System.getProperty(GradientPath.PROPERTY);
            return GradientPath.choose(requested, device.hasCublas());
        }
        catch (final IllegalArgumentException e)
        {
            return GradientPath.choose("auto", device.hasCublas());
        }
    }

    /** @return null when a cuBLAS handle can be created, else why not; sets version[0]. */
    private static String probeCublas(final int[] version)
    {
        try
        {
            final cublasHandle handle = new cublasHandle();
            final int created = JCublas2.cublasCreate(handle);
            if (created != cublasStatus.CUBLAS_STATUS_SUCCESS)
            {
                return "cublasCreate failed with " + cublasStatus.stringFor(created);
            }
            JCublas2.cublasGetVersion(handle, version);
            JCublas2.cublasDestroy(handle);
            return null;
        }
        catch (final Throwable t)
        {
            final String missing = missingLibrary(t);
            return missing != null
                ? "cuBLAS unavailable: " + missing + " not found"
                : "cuBLAS unavailable: " + firstLine(t);
        }
    }

    /** @return "NVRTC ..." on success (module loaded), or "failed: reason". */
    private static String compileAtRunTime(
        final PtxResource ptx, final int major, final int minor, final CUmodule module)
    {
        try
        {
            final nvrtcProgram program = new nvrtcProgram();
            final String file = ptx.name() + ".cu";
            final String source = ptx.source();
            nvrtcOk("create", JNvrtc.nvrtcCreateProgram(program, source, file, 0, null, null));
            final int target = nvrtcArchitecture(major * 10 + minor);
            final String arch = "--gpu-architecture=compute_" + target;
            final String[] options = {arch, "--std=c++17"};
            final int compiled = JNvrtc.nvrtcCompileProgram(program, options.length, options);
            if (compiled != nvrtcResult.NVRTC_SUCCESS)
            {
                final String[] log = new String[1];
                JNvrtc.nvrtcGetProgramLog(program, log);
                JNvrtc.nvrtcDestroyProgram(program);
                return "failed: " + nvrtcResult.stringFor(compiled) + ": " + firstLine(log[0]);
            }
            final String[] text = new String[1];
            nvrtcOk("get PTX", JNvrtc.nvrtcGetPTX(program, text));
            JNvrtc.nvrtcDestroyProgram(program);
            final int loaded = Cu.call(() -> JCudaDriver.cuModuleLoadData(module, text[0]));
            if (loaded != CUresult.CUDA_SUCCESS)
            {
                return "failed: its PTX did not load either (" + Cu.name(loaded) + ")";
            }
            final int[] nvrtcMajor = new int[1];
            final int[] nvrtcMinor = new int[1];
            JNvrtc.nvrtcVersion(nvrtcMajor, nvrtcMinor);
            final String version = "NVRTC " + nvrtcMajor[0] + "." + nvrtcMinor[0];
            LOG.log(System.Logger.Level.INFO, "CUDA kernels compiled by " + version + ", " + arch);
            return version + " (compute_" + target + ")";
        }
        catch (final Throwable t)
        {
            final String missing = missingLibrary(t);
            return "failed: " + (missing != null ? missing + " not found" : firstLine(t));
        }
    }

    /**
     * @return the device's architecture, or the newest one this NVRTC knows below it: PTX for an
     *     older virtual architecture still compiles on a newer device.
     */
    private static int nvrtcArchitecture(final int device)
    {
        final int[] count = new int[1];
        nvrtcOk("count architectures", JNvrtc.nvrtcGetNumSupportedArchs(count));
        final int[] supported = new int[count[0]];
        nvrtcOk("list architectures", JNvrtc.nvrtcGetSupportedArchs(supported));
        int best = supported.length > 0 ? supported[0] : device;
        for (final int arch : supported)
        {
            if (arch <= device && arch > best)
            {
                best = arch;
            }
        }
        return best;
    }

    private static void nvrtcOk(final String step, final int result)
    {
        if (result != nvrtcResult.NVRTC_SUCCESS)
        {
            throw new IllegalStateException(
                "nvrtc " + step + " failed: " + nvrtcResult.stringFor(result));
        }
    }

    /** @return the virtual architecture in the recorded nvcc command, e.g. {@code compute_75}. */
    private static String architecture(final PtxResource ptx)
    {
        return ptx.field("command").replaceAll(".*-arch=(\\S+).*", "$1");
    }

    private static int driverVersion()
    {
        final int[] version = new int[1];
        final int result = Cu.call(() -> JCudaDriver.cuDriverGetVersion(version));
        return result == CUresult.CUDA_SUCCESS ? version[0] : 0;
    }

    private static int attribute(final CUdevice device, final int attribute)
    {
        final int[] value = new int[1];
        Cu.check("cuDeviceGetAttribute " + attribute,
            () -> JCudaDriver.cuDeviceGetAttribute(value, attribute, device));
        return value[0];
    }

    private static String initHint(final int init)
    {
        if (init == CUresult.CUDA_ERROR_NO_DEVICE)
        {
            return "no CUDA-capable device is visible";
        }
        if (Cu.name(init).contains("INSUFFICIENT_DRIVER") || Cu.name(init).contains("COMPAT"))
        {
            return "the installed driver is older than libcuda.so.1 expects";
        }
        return "see the driver's documentation of this error";
    }

    /** @return one line for a failure to load JCuda's native library or the driver. */
    static String describeLoadFailure(final Throwable t)
    {
        final String missing = missingLibrary(t);
        if (missing != null && missing.startsWith("libcuda.so"))
        {
            return "no NVIDIA driver: " + missing + " cannot be loaded"
                + " (JCuda's driver binding needs it;"
                + " install the NVIDIA driver or put libcuda.so.1 on the loader path)";
        }
        if (missing != null)
        {
            return "JCuda's native library needs " + missing + ", which cannot be loaded";
        }
        return "JCuda did not initialise: " + firstLine(t);
    }

    /** @return the first shared library named as missing anywhere in the cause chain, or null. */
    static String missingLibrary(final Throwable t)
    {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause())
        {
            final Matcher m = MISSING_LIBRARY.matcher(String.valueOf(c.getMessage()));
            if (m.find())
            {
                return m.group(1);
            }
        }
        return null;
    }

    private static String firstLine(final Throwable t)
    {
        return t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
    }

    private static String firstLine(final String text)
    {
        if (text == null)
        {
            return "(no message)";
        }
        final int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }

    private static String cString(final byte[] bytes)
    {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0)
        {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static Result unavailable(final String reason)
    {
        return new Result(Availability.unavailable(reason), null);
    }
}
