package io.descent.bench.hardware;

import io.descent.bench.workload.UpdateKernel;
import io.descent.memory.Precision;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link HardwareBench} measures and for how long. Immutable; the {@code with...} methods
 * return validated copies.
 *
 * @param budget    time to spend measuring, shared equally among all measurements (setting up
 *                  data on each backend comes on top, about a second per backend at 2^24).
 * @param log2Sizes element counts, as powers of two in [4, 30].
 * @param backends  backend names to run; empty means every available backend.
 * @param kernels   the update kernels to time at each size (the copy baseline always runs).
 * @param precision element format for every measurement.
 */
public record HardwareOptions(
    Duration budget, List<Integer> log2Sizes, List<String> backends, List<UpdateKernel> kernels,
        Precision precision)
{
    /** The default budget, chosen so the whole run stays under a minute on a small machine. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(20);

    public HardwareOptions
    {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(precision, "precision");
        if (budget.isNegative() || budget.isZero())
        {
            throw new IllegalArgumentException("budget must be > 0: budget=" + budget);
        }
        log2Sizes = List.copyOf(log2Sizes);
        backends = List.copyOf(backends);
        kernels = List.copyOf(kernels);
        if (log2Sizes.isEmpty())
        {
            throw new IllegalArgumentException("at least one size is needed");
        }
        for (final int k : log2Sizes)
        {
            if (k < 4 || k > 30)
            {
                throw new IllegalArgumentException("log2 sizes must be in [4, 30]: log2Size=" + k);
            }
        }
    }

    /** 20 s; 2^16, 2^20 and 2^24 elements; every backend; plain, momentum and Nesterov; F32. */
    public static HardwareOptions defaults()
    {
        final List<UpdateKernel> kernels =
            List.of(UpdateKernel.PLAIN, UpdateKernel.MOMENTUM, UpdateKernel.NESTEROV);
        return new HardwareOptions(
            DEFAULT_BUDGET, List.of(16, 20, 24), List.of(), kernels, Precision.F32);
    }

    public HardwareOptions withBudget(final Duration newBudget)
    {
        return new HardwareOptions(newBudget, log2Sizes, backends, kernels, precision);
    }

    public HardwareOptions withLog2Sizes(final List<Integer> newSizes)
    {
        return new HardwareOptions(budget, newSizes, backends, kernels, precision);
    }

    /** @param names backend names; empty for every available backend. */
    public HardwareOptions withBackends(final List<String> names)
    {
        return new HardwareOptions(budget, log2Sizes, names, kernels, precision);
    }

    public HardwareOptions withKernels(final List<UpdateKernel> newKernels)
    {
        return new HardwareOptions(budget, log2Sizes, backends, newKernels, precision);
    }

    public HardwareOptions withPrecision(final Precision newPrecision)
    {
        return new HardwareOptions(budget, log2Sizes, backends, kernels, newPrecision);
    }
}
