package io.descent.bench.workload;

import io.descent.backend.Backend;
import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;

/**
 * Waits until a backend has finished the kernels it was given, so that a timer stopped after
 * {@link #await()} measures the work and not only its launch.
 *
 * <p>The SPI has no explicit synchronisation call, so the fence asks for a scalar that only a
 * finished queue can produce: Σx² over a one-element vector. On a device that runs kernels
 * asynchronously (CUDA) this costs one kernel launch and one small device-to-host copy per
 * fence, and the benchmarks count that cost, as a user's training loop would pay it at every
 * step boundary where it reads a result. The Java backend runs kernels on the caller's
 * thread before returning, so its fence does nothing.
 */
public final class Fence implements AutoCloseable
{
    private final Backend backend;
    private final DeviceVector probe;

    public Fence(final Backend backend)
    {
        this.backend = backend;
        this.probe = "java".equals(backend.name()) ? null : backend.allocate(Precision.F32, 1);
    }

    /** Returns once every kernel launched before it has finished. */
    public double await()
    {
        return probe == null ? 0.0 : backend.squaredNorm(probe);
    }

    @Override
    public void close()
    {
        if (probe != null)
        {
            probe.close();
        }
    }
}
