package io.descent.bench.hardware;

/**
 * One timed kernel on one backend.
 *
 * @param backend        backend name.
 * @param kernel         {@code copy}, an update kernel's name, or {@code gradient least-squares}.
 * @param precision      {@code F32} or {@code F64}.
 * @param elements       elements per operation (for a gradient, elements of X).
 * @param shape          {@code 2^k} for vectors, {@code rows x cols} for a gradient.
 * @param bytesPerOp     bytes each operation must move; see {@code UpdateKernel} and
 *                       {@code GradientShape.bytesMoved}.
 * @param medianNs       median time per operation over the samples.
 * @param bestNs         shortest time per operation over the samples.
 * @param samples        number of timed batches.
 * @param gbps           bytesPerOp / medianNs, in GB/s (10^9 bytes per second).
 * @param percentOfCopy  gbps as a percentage of the same backend's copy at the same size and
 *                       precision; NaN where there is no such copy (the gradient uses the
 *                       largest copy measured).
 */
public record Measurement(
    String backend, String kernel, String precision, long elements, String shape, long bytesPerOp,
        double medianNs,
    double bestNs, int samples, double gbps, double percentOfCopy)
{
}
