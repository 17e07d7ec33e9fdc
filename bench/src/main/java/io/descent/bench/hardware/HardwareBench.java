package io.descent.bench.hardware;

import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.backend.BackendStatus;
import io.descent.backend.BackendUnavailableException;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.bench.workload.DeviceData;
import io.descent.bench.workload.Fence;
import io.descent.bench.workload.UpdateKernel;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The hardware benchmark behind {@code descent bench}: a short run over every available
 * backend that times, at a few sizes, the device's own copy ({@link DeviceVector#copyFrom})
 * and the update kernels on resident data, plus one least-squares gradient, and reports each
 * as time, GB/s and a percentage of that device's copy bandwidth.
 *
 * <p>This is a quick look, not a substitute for the JMH suite: each measurement gets an equal
 * share of the budget, runs a few calls to warm up, then times batches of calls long enough
 * (about a millisecond) for the clock to resolve and reports the median batch. Every batch
 * ends with a {@link Fence}, so asynchronous devices are timed to completion.
 *
 * <pre>{@code
 * HardwareReport report = new HardwareBench(BackendRegistry.load())
 *     .run(HardwareOptions.defaults(), p -> System.err.println(p.completed() + "/" + p.total()));
 * System.out.print(report.table());
 * }</pre>
 */
public final class HardwareBench
{
    /** Columns of the gradient's matrix; its rows make it as large as the largest vector. */
    public static final int GRADIENT_COLS = 64;

    private static final long TARGET_BATCH_NS = 1_000_000L;
    private static final int MIN_SAMPLES = 3;

    private final BackendRegistry registry;

    public HardwareBench(final BackendRegistry registry)
    {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Runs every measurement {@code options} asks for. Backends that are unavailable, or that
     * fail while running, are listed in the report with the reason; they do not stop the run.
     *
     * @throws IllegalArgumentException if a named backend is unknown to the registry.
     */
    public HardwareReport run(final HardwareOptions options, final ProgressListener listener)
    {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        final List<BackendStatus> statuses = registry.statuses();
        final List<String> wanted = selected(options, statuses);

        final Instant started = Instant.now();
        final List<Measurement> results = new ArrayList<>();
        final List<HardwareReport.BackendSummary> summaries = new ArrayList<>();
        final int perBackend = options.log2Sizes().size() * (1 + options.kernels().size()) + 1;
        final long sliceNs = Math.max(1, options.budget().toNanos() / Math.max(1,
            wanted.size() * perBackend));
        final Plan plan = new Plan(listener, wanted.size() * perBackend, sliceNs);

        for (final BackendStatus s : statuses)
        {
            if (!wanted.contains(s.name()))
            {
                final String outcome = s.available() ? "not selected" : "not measured";
                summaries.add(new HardwareReport.BackendSummary(
                    s.name(), s.available(), s.detail(), outcome));
                continue;
            }
            summaries.add(runBackend(s.name(), options, plan, results));
        }
        final Duration elapsed = Duration.between(started, Instant.now());
        final MachineInfo machine = MachineInfo.detect();
        return new HardwareReport(machine, started, elapsed, options, summaries, results);
    }

    private static List<String> selected(final HardwareOptions options,
        final List<BackendStatus> statuses)
    {
        final List<String> known = statuses.stream().map(BackendStatus::name).toList();
        for (final String name : options.backends())
        {
            if (!known.contains(name))
            {
                throw new IllegalArgumentException("unknown backend '" + name
                    + "'; known backends: " + known);
            }
            final BackendStatus status = statuses.get(known.indexOf(name));
            if (!status.available())
            {
                // Asked for by name: an error, as everywhere in descent, never a quiet skip.
                throw new BackendUnavailableException(
                    "backend '" + name + "' is unavailable: " + status.detail());
            }
        }
        return statuses.stream()
            .filter(BackendStatus::available)
            .map(BackendStatus::name)
            .filter(n -> options.backends().isEmpty() || options.backends().contains(n))
            .toList();
    }

    private HardwareReport.BackendSummary runBackend(
        final String name, final HardwareOptions options, final Plan plan,
        final List<Measurement> results)
    {
        try (Backend backend = registry.open(name); Fence fence = new Fence(backend))
        {
            for (final int k : options.log2Sizes())
            {
                measureSize(backend, fence, k, options, plan, results);
            }
            measureGradient(backend, fence, options, plan, results);
            return new HardwareReport.BackendSummary(name, true, backend.device(), "measured");
        }
        catch (final RuntimeException | OutOfMemoryError e)
        {
            // A backend that fails part-way keeps what it measured and says why it stopped.
            return new HardwareReport.BackendSummary(name, true, "", "failed: " + e);
        }
    }

    private static void measureSize(
        final Backend backend, final Fence fence, final int log2Size, final HardwareOptions options,
        final Plan plan, final List<Measurement> results)
    {
        final Precision p = options.precision();
        final long n = 1L << log2Size;
        try (DeviceVector theta = DeviceData.uniform(backend, p, n, -1.0, 1.0, 1);
             DeviceVector grad = DeviceData.uniform(backend, p, n, -1.0, 1.0, 2);
             DeviceVector state = backend.allocate(p, n))
        {
            final long copyBytes = 2L * p.sizeBytes() * n;
            final double[] copy = time(() -> state.copyFrom(theta), fence, plan.sliceNs);
            final Measurement copied = measurement(backend.name(), "copy", p, n, "2^" + log2Size,
                copyBytes, copy, copyBytes / copy[0]);
            plan.done(results, copied);

            for (final UpdateKernel kernel : options.kernels())
            {
                final DeviceVector s = kernel.hasState() ? state : null;
                state.fill(0.0);
                final double[] t = time(() -> backend.update(kernel.rule(), theta, grad, s, false),
                    fence, plan.sliceNs);
                plan.done(results, measurement(backend.name(), kernel.id(), p, n, "2^" + log2Size,
                    (long)kernel.bytesPerElement(p) * n, t, copied.gbps()));
            }
        }
    }

    private static void measureGradient(
        final Backend backend, final Fence fence, final HardwareOptions options, final Plan plan,
        final List<Measurement> results)
    {
        final Precision p = options.precision();
        final int maxLog2 = options.log2Sizes().stream().max(Integer::compare).orElseThrow();
        final int rows = (int)Math.max(1, (1L << maxLog2) / GRADIENT_COLS);
        final long cols = GRADIENT_COLS;
        final double copyGbps = results.stream()
            .filter(m -> m.backend().equals(backend.name()) && m.kernel().equals("copy")
                && m.elements() == (1L << maxLog2))
            .mapToDouble(Measurement::gbps).findFirst().orElse(Double.NaN);
        try (DeviceMatrix x = DeviceData.matrix(backend, p, rows, GRADIENT_COLS, 3);
             DeviceVector y = DeviceData.uniform(backend, p, rows, 0.0, 1.0, 4);
             DeviceVector params = DeviceData.uniform(backend, p, cols + 1, -0.01, 0.01, 5);
             DeviceVector grad = backend.allocate(p, cols + 1))
        {
            // One pass: read X and y, read the parameters, write the gradient.
            final long bytes = p.sizeBytes() * (rows * cols + rows + 2 * (cols + 1));
            final Runnable op = () -> backend.lossAndGradient(
                LossFunction.LEAST_SQUARES, x, y, params, grad, Rows.all());
            final double[] t = time(op, fence, plan.sliceNs);
            plan.done(results, measurement(backend.name(), "gradient least-squares", p, rows * cols,
                rows + "x" + cols, bytes, t, copyGbps));
        }
    }

    private static Measurement measurement(
        final String backend, final String kernel, final Precision p, final long elements,
        final String shape, final long bytes, final double[] times, final double copyGbps)
    {
        final double gbps = bytes / times[0];
        return new Measurement(backend, kernel, p.name(), elements, shape, bytes, times[0],
            times[1], (int)times[2], gbps, 100.0 * gbps / copyGbps);
    }

    /**
     * Times {@code op} for about {@code sliceNs}: a fifth of it warming up (at least three
     * calls), the rest in fenced batches sized to about a millisecond.
     *
     * @return {median ns per call, best ns per call, number of batches}.
     */
    static double[] time(final Runnable op, final Fence fence, final long sliceNs)
    {
        final long start = System.nanoTime();
        long calls = 0;
        while (calls < 3 || System.nanoTime() - start < sliceNs / 5)
        {
            op.run();
            calls++;
        }
        fence.await();
        final long warmNs = Math.max(1, System.nanoTime() - start);
        final long batch = Math.max(1, TARGET_BATCH_NS * calls / warmNs);

        final List<Double> samples = new ArrayList<>();
        final long end = start + sliceNs;
        while (samples.size() < MIN_SAMPLES || System.nanoTime() < end)
        {
            final long t0 = System.nanoTime();
            for (long i = 0; i < batch; i++)
            {
                op.run();
            }
            fence.await();
            samples.add((double)(System.nanoTime() - t0) / batch);
        }
        final double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new double[] {sorted[sorted.length / 2], sorted[0], sorted.length};
    }

    /** Counts measurements, tells the listener, and holds the time each may take. */
    private static final class Plan
    {
        private final ProgressListener listener;
        private final int total;
        private final long sliceNs;
        private int completed;

        Plan(final ProgressListener listener, final int total, final long sliceNs)
        {
            this.listener = listener;
            this.total = total;
            this.sliceNs = sliceNs;
        }

        void done(final List<Measurement> results, final Measurement m)
        {
            results.add(m);
            completed++;
            listener.onProgress(new ProgressListener.Progress(completed, total, m.backend(),
                m.kernel() + " " + m.shape()));
        }
    }
}
