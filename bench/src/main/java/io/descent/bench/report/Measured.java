package io.descent.bench.report;

import java.util.Map;

/**
 * One benchmark result, from JMH's JSON or from the NumPy peer's JSON of the same shape.
 *
 * @param benchmark the benchmark's full name, e.g. {@code io.descent.bench.jmh.UpdateBench.step}
 *                  or {@code numpy.update}.
 * @param params    its parameters.
 * @param scoreUs   mean time per operation in microseconds.
 * @param errorUs   half-width of the 99.9% confidence interval of the mean, in microseconds;
 *                  NaN when there were too few samples to compute one.
 * @param samples   number of measurement iterations behind the mean.
 */
public record Measured(String benchmark, Map<String, String> params, double scoreUs,
    double errorUs, int samples)
{
    /**
     * @return the parameter's value, or {@code fallback} when the benchmark has no such parameter.
     */
    public String param(final String name, final String fallback)
    {
        return params.getOrDefault(name, fallback);
    }

    /**
     * @return the last part of the benchmark name: class and method, e.g. {@code UpdateBench.step}.
     */
    public String shortName()
    {
        final String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "."
            + parts[parts.length - 1];
    }

    /** @return bytes / time, in GB/s (10^9 bytes per second). */
    public double gbps(final long bytes)
    {
        return bytes / scoreUs / 1e3;
    }
}
