package io.descent.bench.jmh;

/**
 * The default parameter values of the JMH suite, kept small enough that the default run takes
 * minutes. The full grid of the issue is a command-line override, e.g.
 * {@code -p log2Size=10,12,14,16,18,20,22,24,26}.
 */
public final class BenchDefaults
{
    /** Default sizes, as powers of two: L1-resident, L2-resident, and two that reach memory. */
    public static final String SIZE_A = "10";
    public static final String SIZE_B = "16";
    public static final String SIZE_C = "20";
    public static final String SIZE_D = "24";

    /**
     * Warm-up and measurement iterations, and their length. Short iterations, many of them:
     * on a shared 2-core machine a longer iteration mostly collects more interference, while
     * more samples narrow the 99.9% interval JMH reports (Student's t with 7 degrees of
     * freedom is 5.4, against 8.6 with 4). The kernels take at most tens of milliseconds, so
     * each iteration still holds many calls.
     */
    public static final int WARMUPS = 3;
    public static final int ITERATIONS = 8;
    public static final int ITERATION_MS = 250;

    /** Heap for each forked JVM: three 2^26-element F64 vectors need 1.5 GiB. */
    public static final String HEAP = "-Xmx4g";

    /** Seed for every generated vector and matrix. */
    public static final long SEED = 0x5EED_DE5CL;

    private BenchDefaults()
    {
    }
}
