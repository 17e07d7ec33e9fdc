package io.descent.bench.jmh;

import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.bench.workload.DeviceData;
import io.descent.bench.workload.Fence;
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
 * The copy baseline on each backend's own memory: {@link DeviceVector#copyFrom(DeviceVector)}
 * between two resident vectors. Moves 2·s bytes per element (read the source, write the
 * destination). On the Java backend this is the JDK's array copy; on a GPU, device-to-device
 * memory traffic.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = BenchDefaults.WARMUPS, time = BenchDefaults.ITERATION_MS,
    timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = BenchDefaults.ITERATIONS, time = BenchDefaults.ITERATION_MS,
    timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = BenchDefaults.HEAP)
@State(Scope.Benchmark)
public class DeviceCopyBench
{
    @Param("java")
    public String backend;

    @Param({"F32", "F64"})
    public String precision;

    @Param({BenchDefaults.SIZE_A, BenchDefaults.SIZE_B, BenchDefaults.SIZE_C, BenchDefaults.SIZE_D})
    public int log2Size;

    private Backend device;
    private Fence fence;
    private DeviceVector src;
    private DeviceVector dst;

    @Setup(Level.Trial)
    public void setUp()
    {
        final Precision p = Precision.parse(precision);
        final long n = 1L << log2Size;

        device = BackendRegistry.load().open(backend);
        fence = new Fence(device);
        src = DeviceData.uniform(device, p, n, -1.0, 1.0, BenchDefaults.SEED);
        dst = device.allocate(p, n);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        src.close();
        dst.close();
        fence.close();
        device.close();
    }

    @Benchmark
    public double copy()
    {
        dst.copyFrom(src);
        return fence.await();
    }
}
