package io.descent.cuda;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

import java.util.Map;

/**
 * What the probe opened, once per JVM: one device, its primary context (retained for the life
 * of the JVM, so engines opened later share it and its loaded module) and the kernel functions.
 *
 * @param ordinal         the device index.
 * @param device          the driver's device handle.
 * @param context         its primary context.
 * @param module          the loaded kernel module.
 * @param functions       every kernel entry point by name.
 * @param name            the device's marketing name.
 * @param computeMajor    compute capability, major.
 * @param computeMinor    compute capability, minor.
 * @param multiprocessors multiprocessor count, for the grid cap.
 * @param totalBytes      device memory.
 * @param driverVersion   {@code cuDriverGetVersion}, 1000·major + 10·minor.
 * @param kernelOrigin    where the module came from: the shipped PTX or NVRTC, in words.
 * @param cublasVersion   the cuBLAS version when {@code libcublas} loads, else 0.
 * @param cublasReason    why cuBLAS is not used, or null when it is available.
 */
record CudaDevice(
    int ordinal, CUdevice device, CUcontext context, CUmodule module,
    Map<String, CUfunction> functions,
    String name, int computeMajor, int computeMinor, int multiprocessors, long totalBytes,
    int driverVersion, String kernelOrigin, int cublasVersion, String cublasReason)
{
    private static final double GIB = 1L << 30;

    /** @return whether cuBLAS loaded and created a handle during the probe. */
    boolean hasCublas()
    {
        return cublasReason == null;
    }

    /**
     * @param path the gradient path an engine uses (or would use).
     * @return one line: name, capability, memory, driver, kernels and gradient path.
     */
    String describe(final GradientPath path)
    {
        final String gradients;
        if (path == GradientPath.CUBLAS)
        {
            gradients = "gradients: cuBLAS " + cublasVersion + " GEMV";
        }
        else if (hasCublas())
        {
            gradients = "gradients: own kernels (chosen; cuBLAS " + cublasVersion + " available)";
        }
        else
        {
            gradients = "gradients: own kernels (" + cublasReason + ")";
        }
        return String.format(
            "%s (device %d, sm_%d%d, %d SMs, %.1f GiB), driver %s, kernels: %s, %s",
            name, ordinal, computeMajor, computeMinor, multiprocessors, totalBytes / GIB,
            PtxResource.cudaVersion(driverVersion), kernelOrigin, gradients);
    }
}
