package io.descent.bench.jmh;

import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.bench.workload.DeviceData;
import io.descent.bench.workload.Fence;
import io.descent.bench.workload.GradientShape;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
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
 * Loss and gradient of least squares and logistic regression on resident F32 data, over all
 * rows or over a mini-batch of {@value GradientShape#MINI_BATCH_ROWS} rows named by a shuffled
 * index vector (the rows are not copied out). Bytes moved:
 * {@link GradientShape#bytesMoved(Precision, int, boolean)}.
 *
 * <p>Targets y are uniform in [0, 1) for both losses (soft labels are valid for the logistic
 * loss and cost the same); the weights are small so that z = Xw + c stays moderate.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = BenchDefaults.WARMUPS, time = BenchDefaults.ITERATION_MS,
    timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = BenchDefaults.ITERATIONS, time = BenchDefaults.ITERATION_MS,
    timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = BenchDefaults.HEAP)
@State(Scope.Benchmark)
public class GradientBench
{
    @Param("java")
    public String backend;

    @Param({"least-squares", "logistic"})
    public String loss;

    @Param({"tall", "square", "wide"})
    public String shape;

    @Param({"full", "256"})
    public String batch;

    private Backend device;
    private Fence fence;
    private LossFunction function;
    private DeviceMatrix x;
    private DeviceVector y;
    private DeviceVector params;
    private DeviceVector grad;
    private IndexVector order;
    private Rows rows;

    @Setup(Level.Trial)
    public void setUp()
    {
        final GradientShape s = GradientShape.parse(shape);
        function = "logistic".equals(loss) ? LossFunction.LOGISTIC : LossFunction.LEAST_SQUARES;

        device = BackendRegistry.load().open(backend);
        fence = new Fence(device);
        x = DeviceData.matrix(device, Precision.F32, s.rows(), s.cols(), BenchDefaults.SEED);
        y = DeviceData.uniform(device, Precision.F32, s.rows(), 0.0, 1.0, BenchDefaults.SEED + 1);
        params = DeviceData.uniform(device, Precision.F32, s.cols() + 1L, -0.01, 0.01,
            BenchDefaults.SEED + 2);
        grad = device.allocate(Precision.F32, s.cols() + 1L);
        if ("full".equals(batch))
        {
            rows = Rows.all();
        }
        else
        {
            final int batchRows = Integer.parseInt(batch);
            order = device.indices(DeviceData.permutation(s.rows(), BenchDefaults.SEED + 3));
            rows = Rows.indices(order, 0, batchRows);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        x.close();
        y.close();
        params.close();
        grad.close();
        if (order != null)
        {
            order.close();
        }
        fence.close();
        device.close();
    }

    /** One loss-and-gradient evaluation; the loss is returned so JMH sinks it. */
    @Benchmark
    public double lossAndGradient()
    {
        final double value = device.lossAndGradient(function, x, y, params, grad, rows);
        return value + fence.await();
    }
}
