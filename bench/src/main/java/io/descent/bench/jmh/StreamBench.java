package io.descent.bench.jmh;

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

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The memory-bandwidth baseline: STREAM's copy (c ← a, 2·s bytes per element) and triad
 * (a ← b + q·c, 3·s bytes per element) over plain Java arrays of 2^log2Size elements, the same
 * element count and precision as the update kernels, so a three-vector triad touches the same
 * total bytes as a three-vector update. Bytes are counted the STREAM way: the write-allocate
 * read of the destination is not counted.
 *
 * <p>{@code threads=1} runs on the benchmark thread; {@code threads=all} (or a number) splits
 * the arrays into chunks of {@value #CHUNK} elements taken by a fork/join pool of one worker
 * per available processor, as the Java backend does. Chunks are taken dynamically rather than
 * one static half per core because on a shared machine a static split waits for whichever core
 * another process is using. The report takes the faster variant as the bandwidth the machine
 * delivered.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = BenchDefaults.WARMUPS, time = BenchDefaults.ITERATION_MS,
    timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = BenchDefaults.ITERATIONS, time = BenchDefaults.ITERATION_MS,
    timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = BenchDefaults.HEAP)
@State(Scope.Benchmark)
public class StreamBench
{
    @Param({"F32", "F64"})
    public String precision;

    @Param({BenchDefaults.SIZE_A, BenchDefaults.SIZE_B, BenchDefaults.SIZE_C, BenchDefaults.SIZE_D})
    public int log2Size;

    @Param({"1", "all"})
    public String threads;

    private float[] a32;
    private float[] b32;
    private float[] c32;
    private double[] a64;
    private double[] b64;
    private double[] c64;
    /** Elements per chunk in the multi-threaded variant. */
    public static final int CHUNK = 1 << 15;

    private int parts;
    private ForkJoinPool pool;

    @Setup(Level.Trial)
    public void setUp()
    {
        final int n = 1 << log2Size;
        parts = "all".equals(threads) ? Runtime.getRuntime().availableProcessors()
            : Integer.parseInt(threads);
        if (parts < 1)
        {
            throw new IllegalArgumentException("threads must be >= 1 or 'all': threads=" + threads);
        }
        if (Precision.parse(precision) == Precision.F32)
        {
            a32 = new float[n];
            b32 = new float[n];
            c32 = new float[n];
            java.util.Arrays.fill(b32, 1.0f);
            java.util.Arrays.fill(c32, 2.0f);
        }
        else
        {
            a64 = new double[n];
            b64 = new double[n];
            c64 = new double[n];
            java.util.Arrays.fill(b64, 1.0);
            java.util.Arrays.fill(c64, 2.0);
        }
        pool = parts > 1 ? new ForkJoinPool(parts) : null;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (pool != null)
        {
            pool.shutdownNow();
        }
    }

    /** c ← a. Returns the destination so JMH sinks it. */
    @Benchmark
    public Object copy()
    {
        if (a32 != null)
        {
            run((from, to) -> System.arraycopy(a32, from, c32, from, to - from));
            return c32;
        }
        run((from, to) -> System.arraycopy(a64, from, c64, from, to - from));
        return c64;
    }

    /** a ← b + q·c. Returns the destination so JMH sinks it. */
    @Benchmark
    public Object triad()
    {
        if (a32 != null)
        {
            run((from, to) -> triadF32(a32, b32, c32, 3.0f, from, to));
            return a32;
        }
        run((from, to) -> triadF64(a64, b64, c64, 3.0, from, to));
        return a64;
    }

    private static void triadF32(
        final float[] a, final float[] b, final float[] c, final float q, final int from,
            final int to)
    {
        for (int i = from; i < to; i++)
        {
            a[i] = b[i] + q * c[i];
        }
    }

    private static void triadF64(
        final double[] a, final double[] b, final double[] c, final double q, final int from,
            final int to)
    {
        for (int i = from; i < to; i++)
        {
            a[i] = b[i] + q * c[i];
        }
    }

    private void run(final Chunk chunk)
    {
        final int n = 1 << log2Size;
        if (pool == null || n <= CHUNK)
        {
            chunk.apply(0, n);
            return;
        }

        final int chunks = (n + CHUNK - 1) / CHUNK;
        pool.submit(() -> IntStream.range(0, chunks).parallel()
            .forEach(c -> chunk.apply(c * CHUNK, Math.min(n, (c + 1) * CHUNK)))).join();
    }

    @FunctionalInterface
    private interface Chunk
    {
        void apply(int from, int to);
    }
}
