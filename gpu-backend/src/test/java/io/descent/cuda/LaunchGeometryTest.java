package io.descent.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchGeometryTest
{
    private static final int H200_SMS = 132;

    @Test
    void emptyInputLaunchesNothing()
    {
        assertEquals(0, LaunchGeometry.blocks(0, 256, 4224));
    }

    @Test
    void smallInputsGetOneBlockPerThreadsElements()
    {
        assertEquals(1, LaunchGeometry.blocks(1, 256, 4224));
        assertEquals(1, LaunchGeometry.blocks(256, 256, 4224));
        assertEquals(2, LaunchGeometry.blocks(257, 256, 4224));
        assertEquals(4224, LaunchGeometry.blocks(4224L * 256, 256, 4224));
    }

    @Test
    void blockCountIsCappedByMultiprocessors()
    {
        final int cap = LaunchGeometry.maxBlocks(H200_SMS);

        assertEquals(H200_SMS * LaunchGeometry.BLOCKS_PER_MULTIPROCESSOR, cap);
        assertEquals(cap, LaunchGeometry.blocks(4224L * 256 + 1, 256, cap));
        assertEquals(cap, LaunchGeometry.blocks(1L << 28, 256, cap));
    }

    @Test
    void lengthsPastTwoToThe31AreCoveredWithoutOverflow()
    {
        final long n = (1L << 33) + 7;
        final int cap = LaunchGeometry.maxBlocks(H200_SMS);

        final int blocks = LaunchGeometry.blocks(n, LaunchGeometry.THREADS, cap);
        final long perThread = LaunchGeometry.elementsPerThread(n, blocks, LaunchGeometry.THREADS);

        assertEquals(cap, blocks);
        final long stride = (long)blocks * LaunchGeometry.THREADS;
        assertTrue(stride * perThread >= n, "the grid-stride loop covers n");
        assertTrue(stride * (perThread - 1) < n, "no thread idles a whole round");
        assertEquals(7944, perThread, "ceil((2^33 + 7) / (4224 * 256))");
    }

    @Test
    void uncappedGridForTwoToThe31ElementsFitsTheGridLimit()
    {
        final long n = 1L << 31;

        final int blocks = LaunchGeometry.blocks(n, 256, LaunchGeometry.MAX_GRID_X);

        assertEquals(1 << 23, blocks);
        assertEquals(1, LaunchGeometry.elementsPerThread(n, blocks, 256));
    }

    @Test
    void theLargestLengthNeverNeedsMoreThanTheGridLimit()
    {
        final int limit = LaunchGeometry.MAX_GRID_X;

        assertEquals(limit, LaunchGeometry.blocks(Long.MAX_VALUE, 256, limit));
        assertEquals(LaunchGeometry.MAX_GRID_X, LaunchGeometry.maxBlocks(Integer.MAX_VALUE));
    }

    @Test
    void invalidArgumentsAreRejectedWithTheValues()
    {
        final IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.blocks(-1, 256, 10));
        assertEquals("need n >= 0, threads >= 1, maxBlocks >= 1: n=-1, threads=256, maxBlocks=10",
            e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.maxBlocks(0));
    }

    @Test
    void gradientChunksDependOnTheRowCountOnly()
    {
        assertEquals(1, LaunchGeometry.gradientChunks(0));
        assertEquals(1, LaunchGeometry.gradientChunks(1));
        assertEquals(300, LaunchGeometry.gradientChunks(300));
        assertEquals(LaunchGeometry.GRADIENT_CHUNKS, LaunchGeometry.gradientChunks(1_000_000));
    }

    @Test
    void gradientChunksPartitionEveryRowExactlyOnce()
    {
        for (final int m : new int[] {1, 7, 511, 512, 513, 100_003, Integer.MAX_VALUE})
        {
            final int chunks = LaunchGeometry.gradientChunks(m);
            assertEquals(0, LaunchGeometry.chunkStart(m, 0, chunks));
            assertEquals(m, LaunchGeometry.chunkStart(m, chunks, chunks));
            for (int c = 0; c < chunks; c++)
            {
                final int start = LaunchGeometry.chunkStart(m, c, chunks);
                assertTrue(start <= LaunchGeometry.chunkStart(m, c + 1, chunks));
            }
        }
    }

    @Test
    void constantsMatchTheCudaSource() throws Exception
    {
        final String source = PtxResource.load(CudaProbe.MODULE).source();

        assertTrue(source.contains("#define REDUCE_THREADS " + LaunchGeometry.REDUCE_THREADS));
        assertTrue(source.contains("#define REDUCE_BLOCKS " + LaunchGeometry.REDUCE_BLOCKS + "\n"));
        assertTrue(source.contains("#define REDUCE_THREADS 256\n"), "blockSum's tree needs 256");
    }
}
