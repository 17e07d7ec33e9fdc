package io.descent.cuda;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated PTX is present, marked as generated, and current against its CUDA source. */
class PtxResourceTest
{
    /** The source folder, relative to the module (the working directory of Surefire). */
    private static final Path CUDA_SOURCES = Path.of("src", "main", "cuda");

    private final PtxResource ptx = PtxResource.load(CudaProbe.MODULE);

    @Test
    void headerNamesSourceCommandAndRegenerationScript()
    {
        assertEquals("gpu-backend/src/main/cuda/descent_kernels.cu", ptx.field("source"));
        assertTrue(ptx.field("command").startsWith("nvcc -ptx "), ptx.field("command"));
        assertEquals("gpu-backend/src/main/cuda/build-ptx.sh", ptx.field("regenerate"));
        assertTrue(ptx.ptx().startsWith("// descent: generated file, do not edit.\n"));
    }

    @Test
    void ptxIsCurrentAgainstTheShippedSource() throws Exception
    {
        assertEquals(sha256(ptx.source()), ptx.field("source-sha256"),
            "descent_kernels.ptx is stale: run gpu-backend/src/main/cuda/build-ptx.sh");
    }

    @Test
    void aOneCharacterChangeToTheSourceMakesThePtxStale() throws Exception
    {
        final String changed = ptx.source().replace("REDUCE_BLOCKS 1024", "REDUCE_BLOCKS 1025");

        assertNotEquals(ptx.source(), changed);
        assertNotEquals(sha256(changed), ptx.field("source-sha256"));
    }

    @Test
    void ptxIsCurrentAgainstTheSourceTree() throws Exception
    {
        assumeSourceTree();
        final String source = Files.readString(CUDA_SOURCES.resolve("descent_kernels.cu"));

        assertEquals(sha256(source), ptx.field("source-sha256"),
            "descent_kernels.ptx is stale: run gpu-backend/src/main/cuda/build-ptx.sh");
    }

    @Test
    void everyCudaSourceHasItsPtx() throws Exception
    {
        assumeSourceTree();
        final List<Path> sources;
        try (Stream<Path> files = Files.list(CUDA_SOURCES))
        {
            sources = files.filter(f -> f.toString().endsWith(".cu")).toList();
        }

        assertTrue(!sources.isEmpty());
        for (final Path source : sources)
        {
            final String name = source.getFileName().toString().replace(".cu", "");
            final PtxResource resource = PtxResource.load(name);
            final String recorded = resource.field("source-sha256");
            assertEquals(sha256(Files.readString(source)), recorded, name + " is stale");
        }
    }

    @Test
    void everyKernelTheEngineLaunchesIsAnEntryPoint()
    {
        for (final String kernel : CudaProbe.KERNELS)
        {
            assertTrue(ptx.ptx().contains(".entry " + kernel + "("), "PTX lacks entry " + kernel);
        }
    }

    @Test
    void driverMinimumFollowsTheToolkitRecorded()
    {
        final String[] toolkit = ptx.field("toolkit").split("\\.");
        final int major = Integer.parseInt(toolkit[0]);
        final int minor = Integer.parseInt(toolkit[1]);
        final int expected = major * 1000 + minor * 10;

        assertEquals(expected, ptx.driverMin());
        assertEquals(ptx.field("toolkit"), PtxResource.cudaVersion(ptx.driverMin()));
    }

    @Test
    void imageIsNulTerminatedAscii()
    {
        final byte[] image = ptx.image();

        assertEquals(0, image[image.length - 1]);
        assertEquals(ptx.ptx().length() + 1, image.length);
    }

    private static void assumeSourceTree()
    {
        Assumptions.assumeTrue(Files.isDirectory(CUDA_SOURCES),
            "no source tree here: " + CUDA_SOURCES.toAbsolutePath());
    }

    private static String sha256(final String text) throws Exception
    {
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
