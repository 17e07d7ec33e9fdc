package io.descent.bench.peers.nd4j;

import io.descent.bench.jmh.BenchDefaults;
import io.descent.bench.workload.UpdateKernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * ND4J's updaters applied the way DL4J applies them: {@code applyUpdater} turns the gradient
 * view into the update in place, then the parameters are reduced by it
 * ({@code params.subi(update)}).
 *
 * <p>{@code nesterovs}: ND4J {@link Nesterovs} (the velocity form with Nesterov,
 * v ← μv - lr·g; update = μ·v_old - (1+μ)·v, compare {@link UpdateKernel#VELOCITY_NESTEROV}),
 * reading g and v, writing v and the update, then reading θ and the update, writing θ: 28 bytes
 * per F32 element over two passes, against 20 in one pass for descent's kernel.
 * {@code sgd}: ND4J {@link Sgd} (g ← lr·g) then θ ← θ - g: 20 bytes per F32 element in two
 * passes. The bytes-per-element column of the report uses descent's single-pass figures
 * (20 and 12), so the GB/s shown is the useful bandwidth, comparable across implementations.
 *
 * <p>Because the updater overwrites the gradient, each call would feed its own output back in
 * and the values would decay into subnormals within a few dozen calls; a fresh copy of the
 * gradient is therefore restored before every call, outside the timed region
 * ({@code Level.Invocation}, acceptable here since one call takes microseconds to
 * milliseconds). A DL4J network likewise writes a fresh gradient before every update.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = BenchDefaults.WARMUPS, time = BenchDefaults.ITERATION_MS,
    timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = BenchDefaults.ITERATIONS, time = BenchDefaults.ITERATION_MS,
    timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = BenchDefaults.HEAP)
@State(Scope.Benchmark)
public class Nd4jUpdateBench
{
    @Param({"F32", "F64"})
    public String precision;

    @Param({BenchDefaults.SIZE_A, BenchDefaults.SIZE_B, BenchDefaults.SIZE_C, BenchDefaults.SIZE_D})
    public int log2Size;

    @Param({"nesterovs", "sgd"})
    public String updater;

    /**
     * ND4J's native thread count: {@code default} leaves ND4J's choice (one OpenMP thread per
     * core); a number caps it with {@code Nd4j.getEnvironment().setMaxThreads}. On two shared
     * cores an OpenMP region waits for its slowest thread, so a capped run shows ND4J's cost
     * without that wait.
     */
    @Param("default")
    public String ompThreads;

    private INDArray theta;
    private INDArray grad;
    private INDArray pristine;
    private GradientUpdater<?> gradientUpdater;
    private int iteration;

    @Setup(Level.Trial)
    public void setUp()
    {
        final DataType type = "F64".equalsIgnoreCase(precision) ? DataType.DOUBLE : DataType.FLOAT;
        final long n = 1L << log2Size;
        if (!"default".equals(ompThreads))
        {
            Nd4j.getEnvironment().setMaxThreads(Integer.parseInt(ompThreads));
            Nd4j.getEnvironment().setMaxMasterThreads(Integer.parseInt(ompThreads));
        }
        Nd4j.getRandom().setSeed(BenchDefaults.SEED);

        theta = Nd4j.rand(type, 1, n).subi(0.5);
        pristine = Nd4j.rand(type, 1, n).subi(0.5);
        grad = pristine.dup();
        final IUpdater config = "sgd".equals(updater)
            ? new Sgd(UpdateKernel.LR)
            : new Nesterovs(UpdateKernel.LR, UpdateKernel.MU);
        final long stateLength = config.stateSize(n);
        final INDArray view = stateLength > 0 ? Nd4j.zeros(type, 1, stateLength) : null;
        gradientUpdater = config.instantiate(view, true);
    }

    @Setup(Level.Invocation)
    public void freshGradient()
    {
        grad.assign(pristine);
    }

    /** One DL4J-style step; returns the parameters so JMH sinks them. */
    @Benchmark
    public INDArray step()
    {
        gradientUpdater.applyUpdater(grad, iteration, 0);
        iteration++;
        return theta.subi(grad);
    }
}
