/**
 * The CUDA backend, {@code cuda}: JCuda's driver API, kernels written in CUDA C
 * ({@code gpu-backend/src/main/cuda}) and shipped as PTX, and cuBLAS GEMV for gradients where
 * JCublas can load {@code libcublas.so.12}.
 *
 * <p>How it runs:
 * <ul>
 * <li>{@link io.descent.cuda.CudaProbe} runs once per JVM: it loads the driver binding,
 *     initialises the driver, retains the chosen device's primary context (for the life of the
 *     JVM) and loads the kernel module, first from the shipped PTX and, when the driver refuses
 *     that PTX, from the CUDA source compiled with NVRTC. Every failure becomes one line of
 *     reason; a second probe returns the same answer.</li>
 * <li>{@link io.descent.cuda.CudaEngine} owns a stream, device-resident vectors and scratch
 *     buffers. Updates are one fused grid-stride kernel per step; reductions use a fixed grid
 *     and a fixed tree, so results do not depend on the launch geometry; lengths are 64-bit.</li>
 * <li>Gradients: two GEMV calls around a residual kernel when cuBLAS is available, or a
 *     single-pass fused kernel; index-selected mini-batches always use the fused kernel.</li>
 * </ul>
 *
 * <p>Limits, stated once:
 * <ul>
 * <li>The PTX is built by nvcc 13 for {@code compute_75}, the oldest architecture it accepts;
 *     a driver older than CUDA 13.0 refuses it. The NVRTC fallback then needs
 *     {@code libnvrtc.so.12} (JCuda 12.6's binding); without it the probe reports the driver
 *     version found and the one needed.</li>
 * <li>JCublas 12.6 needs {@code libcublas.so.12}; where only a newer cuBLAS is installed the
 *     backend computes gradients with its own kernels and its device description says so.</li>
 * <li>Gradients address rows with 32-bit row counts and 64-bit element offsets: a matrix may
 *     hold more than 2^31 elements, but not more than 2^31 - 1 rows or columns.</li>
 * </ul>
 */
package io.descent.cuda;
