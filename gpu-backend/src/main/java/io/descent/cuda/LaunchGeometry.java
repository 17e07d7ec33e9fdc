package io.descent.cuda;

/**
 * The launch arithmetic of the CUDA kernels, kept in plain Java so that it can be tested
 * without a GPU. The constants must match the {@code #define}s of {@code descent_kernels.cu}.
 *
 * <p>Element-wise kernels loop with a grid stride over 64-bit indices, so any grid covers any
 * length: the grid is {@code ceil(n / threads)} blocks, capped at a multiple of the device's
 * multiprocessor count, and each thread then visits {@code ceil(n / (blocks * threads))}
 * elements at most. Their results do not depend on the grid at all. Reductions always run on
 * {@link #REDUCE_BLOCKS} blocks of {@link #REDUCE_THREADS} threads, whatever the length, so the
 * order in which they add partial sums depends on the length only.
 */
public final class LaunchGeometry
{
    /** Threads per block of the element-wise kernels. */
    public static final int THREADS = 256;

    /** Threads per block of the reductions; {@code REDUCE_THREADS} in the CUDA source. */
    public static final int REDUCE_THREADS = 256;

    /** Blocks of every reduction launch; {@code REDUCE_BLOCKS} in the CUDA source. */
    public static final int REDUCE_BLOCKS = 1024;

    /** Resident blocks asked for per multiprocessor before the grid stops growing. */
    public static final int BLOCKS_PER_MULTIPROCESSOR = 32;

    /** The largest grid x dimension of every device of compute capability 3.0 or newer. */
    public static final int MAX_GRID_X = Integer.MAX_VALUE;

    /** Row chunks (blocks) of the fused gradient kernel, at most. */
    public static final int GRADIENT_CHUNKS = 512;

    private LaunchGeometry()
    {
    }

    /**
     * @return the block cap for a device with {@code multiprocessors} multiprocessors:
     *     {@code multiprocessors * BLOCKS_PER_MULTIPROCESSOR}, at least 1, at most
     *     {@link #MAX_GRID_X}.
     */
    public static int maxBlocks(final int multiprocessors)
    {
        if (multiprocessors < 1)
        {
            throw new IllegalArgumentException(
                "multiprocessor count must be >= 1: " + multiprocessors);
        }
        return (int)Math.min(MAX_GRID_X, (long)multiprocessors * BLOCKS_PER_MULTIPROCESSOR);
    }

    /**
     * @return the number of blocks of {@code threads} threads for {@code n} elements:
     *     {@code min(ceil(n / threads), maxBlocks)}, 0 when {@code n == 0} (nothing to launch).
     */
    public static int blocks(final long n, final int threads, final int maxBlocks)
    {
        if (n < 0 || threads < 1 || maxBlocks < 1)
        {
            throw new IllegalArgumentException("need n >= 0, threads >= 1, maxBlocks >= 1: n=" + n
                + ", threads=" + threads + ", maxBlocks=" + maxBlocks);
        }
        final long needed = n / threads + (n % threads == 0 ? 0 : 1);
        return (int)Math.min(needed, maxBlocks);
    }

    /**
     * @return the most elements one thread visits in a grid-stride loop over {@code n}
     *     elements: {@code ceil(n / (blocks * threads))}.
     */
    public static long elementsPerThread(final long n, final int blocks, final int threads)
    {
        final long stride = (long)blocks * threads;
        return stride == 0 ? 0 : n / stride + (n % stride == 0 ? 0 : 1);
    }

    /** @return the number of row chunks of the fused gradient over {@code m} rows. */
    public static int gradientChunks(final int m)
    {
        return Math.max(1, Math.min(m, GRADIENT_CHUNKS));
    }

    /**
     * @return the first selected row of chunk {@code c} of {@code chunks} over {@code m} rows,
     *     {@code floor(m * c / chunks)}, as the fused kernel computes it (64-bit product).
     */
    public static int chunkStart(final int m, final int c, final int chunks)
    {
        return (int)((long)m * c / chunks);
    }
}
