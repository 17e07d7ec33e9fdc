package io.descent.bench.jmh;

import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.backend.UpdateRule;
import io.descent.bench.workload.DeviceData;
import io.descent.bench.workload.Fence;
import io.descent.bench.workload.UpdateKernel;
import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One update step of each kernel on data already resident on the backend: no host-device
 * traffic inside the measured call. The gradient is constant and the rules are chosen (see
 * {@link UpdateKernel}) so that thousands of steps stay in the normal floating-point range;
 * a benchmark that let the state decay into subnormals would time the FPU's slow path.
 *
 * <p>Bytes moved per element: {@link UpdateKernel#bytesPerElement(Precision)}.
 * The backend parameter defaults to {@code java}; the suite runner ({@code io.descent.bench.Suite})
 * replaces it with every backend the registry finds available.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = BenchDefaults.WARMUPS, time = BenchDefaults.ITERATION_MS,
    timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = BenchDefaults.ITERATIONS, time = BenchDefaults.ITERATION_MS,
    timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = BenchDefaults.HEAP)
@State(Scope.Benchmark)
public class UpdateBench
{
    @Param("java")
    public String backend;

    @Param({"F32", "F64"})
    public String precision;

    @Param({BenchDefaults.SIZE_A, BenchDefaults.SIZE_B, BenchDefaults.SIZE_C, BenchDefaults.SIZE_D})
    public int log2Size;

    @Param({"plain", "momentum", "nesterov", "ema", "velocity", "velocity-nesterov"})
    public String kernel;

    private Backend device;
    private Fence fence;
    private UpdateRule rule;
    private DeviceVector theta;
    private DeviceVector grad;
    private DeviceVector state;

    @Setup(Level.Trial)
    public void setUp()
    {
        final Precision p = Precision.parse(precision);
        final UpdateKernel k = UpdateKernel.parse(kernel);
        final long n = 1L << log2Size;

        device = BackendRegistry.load().open(backend);
        fence = new Fence(device);
        rule = k.rule();
        theta = DeviceData.uniform(device, p, n, -1.0, 1.0, BenchDefaults.SEED);
        grad = DeviceData.uniform(device, p, n, -1.0, 1.0, BenchDefaults.SEED + 1);
        state = k.hasState() ? device.allocate(p, n) : null;
        // The first step of PyTorch's form copies g into b; run it once so every timed step
        // is the steady-state one.
        device.update(rule, theta, grad, state, true);
        fence.await();
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (!device.allFinite(theta) || (state != null && !device.allFinite(state)))
        {
            throw new IllegalStateException("update produced non-finite values: " + kernel + " on "
                + backend);
        }
        closeAll();
    }

    /** One step; the fence's scalar is returned so JMH sinks it. */
    @Benchmark
    public double step()
    {
        device.update(rule, theta, grad, state, false);
        return fence.await();
    }

    private void closeAll()
    {
        theta.close();
        grad.close();
        if (state != null)
        {
            state.close();
        }
        fence.close();
        device.close();
    }
}
