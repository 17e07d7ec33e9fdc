package io.descent.cuda;

import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

import java.util.Map;

/**
 * Launches the module's kernels on one stream. Arguments are passed in the order of the CUDA
 * signature: device pointers as {@link NativePointerObject}, scalars as boxed
 * {@code Integer}, {@code Long}, {@code Float} or {@code Double} matching the parameter type.
 */
final class Kernels
{
    private final Map<String, CUfunction> functions;
    private final CUstream stream;
    private final int maxBlocks;

    Kernels(
        final Map<String, CUfunction> functions, final CUstream stream, final int multiprocessors)
    {
        this.functions = functions;
        this.stream = stream;
        this.maxBlocks = LaunchGeometry.maxBlocks(multiprocessors);
    }

    /** Launches an element-wise kernel over {@code n} elements; nothing when n is 0. */
    void elementwise(final String name, final long n, final Object... args)
    {
        final int blocks = LaunchGeometry.blocks(n, LaunchGeometry.THREADS, maxBlocks);
        if (blocks > 0)
        {
            launch(name, blocks, LaunchGeometry.THREADS, args);
        }
    }

    /** Launches a reduction stage on the fixed {@link LaunchGeometry#REDUCE_BLOCKS} grid. */
    void reduction(final String name, final Object... args)
    {
        launch(name, LaunchGeometry.REDUCE_BLOCKS, LaunchGeometry.REDUCE_THREADS, args);
    }

    void launch(final String name, final int blocks, final int threads, final Object... args)
    {
        final CUfunction function = functions.get(name);
        if (function == null)
        {
            throw new IllegalStateException("kernel missing from the module: " + name);
        }
        final Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++)
        {
            params[i] = pointerTo(args[i]);
        }

        final Pointer kernelParams = Pointer.to(params);
        final String what = "launch of " + name + " on " + blocks + " x " + threads;
        Cu.check(what, () -> JCudaDriver.cuLaunchKernel(
            function, blocks, 1, 1, threads, 1, 1, 0, stream, kernelParams, null));
    }

    private static Pointer pointerTo(final Object arg)
    {
        if (arg instanceof NativePointerObject p)
        {
            return Pointer.to(p);
        }
        if (arg instanceof Integer v)
        {
            return Pointer.to(new int[] {v});
        }
        if (arg instanceof Long v)
        {
            return Pointer.to(new long[] {v});
        }
        if (arg instanceof Float v)
        {
            return Pointer.to(new float[] {v});
        }
        if (arg instanceof Double v)
        {
            return Pointer.to(new double[] {v});
        }
        throw new IllegalArgumentException(
            "kernel argument must be a pointer, int, long, float or double: " + arg);
    }
}
