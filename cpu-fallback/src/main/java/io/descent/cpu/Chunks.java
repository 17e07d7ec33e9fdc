package io.descent.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Splits work into chunks whose boundaries depend only on the problem size, never on the
 * number of threads, and runs them on a private fork/join pool. Reductions keep one partial
 * result per chunk and combine them in chunk order afterwards, so their results are identical
 * whatever the thread count.
 */
final class Chunks
{
    /** Elements per chunk of an element-wise kernel or a vector reduction. */
    static final int ELEMENTS = 1 << 15;

    /** Below this many elements (or multiply-adds) everything runs on the calling thread. */
    static final long PARALLEL_THRESHOLD = 1 << 16;

    private final ForkJoinPool pool;
    private final int threads;

    Chunks(final int threads)
    {
        if (threads < 1)
        {
            throw new IllegalArgumentException("threads must be >= 1: threads=" + threads);
        }
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    int threads()
    {
        return threads;
    }

    /** @return number of chunks of {@code chunkSize} covering {@code length} items. */
    static int count(final long length, final int chunkSize)
    {
        return (int)((length + chunkSize - 1) / chunkSize);
    }

    /**
     * Runs {@code body} for every chunk index in {@code [0, chunks)}, in parallel when the total
     * work is at least {@link #PARALLEL_THRESHOLD}.
     */
    void run(final int chunks, final long work, final IntConsumer body)
    {
        if (pool == null || chunks < 2 || work < PARALLEL_THRESHOLD)
        {
            for (int c = 0; c < chunks; c++)
            {
                body.accept(c);
            }
            return;
        }
        pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(body)).join();
    }

    void close()
    {
        if (pool != null)
        {
            pool.shutdown();
        }
    }
}
