package io.descent.cuda;

import io.descent.backend.Backend;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;

/**
 * A short benchmark for {@code scripts/gpu-check}: one momentum step over 2^k F32 elements
 * against a device-to-device copy that moves the same bytes.
 *
 * <p>A momentum step reads θ, g and b and writes θ and b: 5 arrays of traffic. The baseline
 * copies 2.5 arrays' worth of bytes (each copied byte is read once and written once), so both
 * move 5·n·4 bytes and a fused kernel running at the copy's bandwidth scores 1.0. Each timing
 * is the median of {@code repeats} runs after {@code warmups} discarded ones, synchronised
 * after every run, so launch latency is included (it is negligible at 2^28 elements).
 *
 * <p>Usage: {@code CudaMomentumBench [log2 length, default 28] [repeats, default 20]}.
 */
public final class CudaMomentumBench
{
    private CudaMomentumBench()
    {
    }

    public static void main(final String[] args)
    {
        final int log2 = args.length > 0 ? Integer.parseInt(args[0]) : 28;
        final int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        final long n = 1L << log2;
        final long trafficBytes = 5L * n * Float.BYTES;
        final UpdateRule rule = UpdateRule.momentum(1e-3, 0.9, 0.0, 0.0, false, false);

        try (CudaEngine engine = CudaEngine.open(GradientPath.OWN_KERNELS);
             Backend backend = new Backend(engine);
             DeviceVector theta = backend.allocate(Precision.F32, n);
             DeviceVector grad = backend.allocate(Precision.F32, n);
             DeviceVector state = backend.allocate(Precision.F32, n);
             DeviceVector copySrc = backend.allocate(Precision.F32, n * 5 / 2);
             DeviceVector copyDst = backend.allocate(Precision.F32, n * 5 / 2))
        {
            grad.fill(0.25);
            final Runnable step = () -> backend.update(rule, theta, grad, state, false);
            final double stepNs = medianNs(engine, repeats, step);
            final double copyNs = medianNs(engine, repeats, () -> copyDst.copyFrom(copySrc));

            System.out.println("device: " + engine.device());
            System.out.printf("momentum step, F32, n = 2^%d: median %.3f ms, %.1f GB/s%n",
                log2, stepNs / 1e6, trafficBytes / stepNs);
            System.out.printf("device-to-device copy, same %d bytes of traffic: median %.3f ms,"
                + " %.1f GB/s%n", trafficBytes, copyNs / 1e6, trafficBytes / copyNs);
            System.out.printf("step bandwidth / copy bandwidth: %.3f%n", copyNs / stepNs);
        }
    }

    private static double medianNs(final CudaEngine engine, final int repeats, final Runnable run)
    {
        for (int i = 0; i < 3; i++)
        {
            run.run();
        }
        engine.synchronize();
        final long[] times = new long[repeats];
        for (int i = 0; i < repeats; i++)
        {
            final long start = System.nanoTime();
            run.run();
            engine.synchronize();
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        return times[repeats / 2];
    }
}
