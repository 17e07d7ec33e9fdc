/**
 * The {@code opencl} backend: every kernel of the SPI on an OpenCL device through Aparapi.
 *
 * <h2>How the data stays on the device</h2>
 * Aparapi binds arrays to kernels through the kernel's fields and keeps one device buffer per
 * field of each kernel instance: two kernels that name the same Java array hold two device
 * copies (checked on PoCL with device-memory buffers), and assigning another array to a field
 * releases the field's buffer. So all kernels of
 * one precision are a single kernel class ({@link io.descent.opencl.HeapKernelF32},
 * {@link io.descent.opencl.HeapKernelF64}) whose {@code run()} branches on an operation code,
 * and every vector is a range of one heap array per precision, allocated on the host side by
 * {@link io.descent.opencl.HeapAllocator}. The kernel runs in explicit mode
 * ({@code setExplicit(true)}): Aparapi then writes an array only after {@code put(array)} and
 * reads one only on {@code get(array)}, each time the whole array, so host data passes through a
 * small staging array, and a reduction reads back a four-element result array.
 * {@code HeapKernelF64.java} is generated from {@code HeapKernelF32.java} by
 * {@code HeapKernelGenerator} in the test sources (Aparapi translates bytecode, which differs per
 * primitive type), and {@code HeapKernelGeneratorTest} fails when it is stale.
 *
 * <h2>Aparapi behaviour this package relies on or works around (Aparapi 3.0.2, JNI 1.4.3)</h2>
 * <ul>
 * <li>{@code put} and {@code get} do nothing unless {@code isRunningCL()}, which holds once the
 *     kernel's preferred device is an OpenCL device: the preferences are set before the first
 *     call ({@code KernelManager.setPreferredDevices}).</li>
 * <li>{@code compile(device)} translates and builds the kernel for one device and throws
 *     {@code CompileFailedException} instead of falling back; the engine compiles both
 *     precisions up front, so F64 is known to work (or refused, for want of
 *     {@code cl_khr_fp64}, which Aparapi checks before building) before any data exists.</li>
 * <li>A launch that fails makes Aparapi mark the device failed and try the kernel's next
 *     preferred device, then its Java thread pool, logging only a warning. The preferred list here
 *     is the device and then {@code JavaDevice.ALTERNATIVE_ALGORITHM}, served by the kernel's own
 *     empty fallback; each launch is then checked ({@code getTargetDevice()},
 *     {@code isRunningCL()}, the fallback count) and a failure is an exception naming the
 *     kernel.</li>
 * <li>Aparapi creates buffers with {@code CL_MEM_USE_HOST_PTR} unless the device says it has no
 *     shared memory; the engine clears that flag for GPUs and accelerators so that the heap lives
 *     in device memory, and keeps it for CPUs, where the Java array is the device memory.</li>
 * <li>When the garbage collector has moved an array, Aparapi recreates its buffer from the Java
 *     array, which for a device with its own memory means stale contents. The heap therefore
 *     grows straight to at least 16 MiB, a size G1 treats as humongous and never moves. Index
 *     vectors, which kernels never write, are kept current on the host instead.</li>
 * <li>Aparapi's {@code java.util.logging} messages are switched off unless
 *     {@code -Ddescent.opencl.verbose=true}. One line, "Aparapi is running on an untested OpenCL
 *     platform version", comes from its native library straight to standard error, once per JVM,
 *     and cannot be held back from Java.</li>
 * <li>{@code com.aparapi.executionMode} (a legacy system property read once per JVM) overrides
 *     device choice; when it excludes the chosen device the probe says so and refuses.</li>
 * </ul>
 *
 * <h2>Choosing the device</h2>
 * GPUs first, then accelerators, then CPUs; {@code -Ddescent.opencl.device=} an index into that
 * list or part of a device or platform name. {@code -Ddescent.opencl.localSize=} sets the
 * work-group size, which changes no result: every sum runs in an order fixed by chunk sizes
 * alone (see {@link io.descent.opencl.PrecisionPool}).
 *
 * <h2>Speed on a CPU device</h2>
 * Element-wise operations (write, read, copy, fill, update) give each work item a span of
 * {@link io.descent.opencl.PrecisionPool#SPAN} consecutive elements in one counted loop. With one
 * element per work item, PoCL's CPU compiler vectorised none of the heap kernel's loops (its
 * work-item loop calls the out-of-line operation), and a momentum step on 2^24 F32 took about
 * 80 ms; with spans it vectorises them and the step takes about 6 ms. What remains at small sizes
 * is the cost of a launch itself, tens of microseconds spent waiting in PoCL's pthread device.
 */
package io.descent.opencl;
