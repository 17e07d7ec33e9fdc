package io.descent.cuda;

import io.descent.backend.Availability;
import io.descent.backend.BackendRegistry;
import io.descent.backend.BackendStatus;
import io.descent.backend.BackendUnavailableException;
import io.descent.conformance.Requirement;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CudaProbeTest
{
    @Test
    void probingTwiceGivesTheSameAnswerWithoutThrowing()
    {
        final CudaBackendProvider provider = new CudaBackendProvider();

        final Availability first = provider.probe();
        final Availability second = provider.probe();

        assertEquals(first, second);
        assertSame(CudaProbe.result(), CudaProbe.result());
        assertFalse(first.detail().isBlank(), "the probe always explains itself");
        final String state = first.available() ? "available: " : "unavailable: ";
        System.out.println("cuda probe: " + state + first.detail());
    }

    @Test
    void withoutADriverTheReasonNamesLibcuda()
    {
        final Availability a = CudaProbe.availability();
        Assumptions.assumeFalse(a.available(), "a CUDA driver is present: " + a.detail());
        Assumptions.assumeFalse(Requirement.required().contains(CudaBackendProvider.NAME),
            "cuda is required here, so its absence is reported by requiredBackendIsAvailable");
        final String reason = a.detail();

        assertTrue(reason.contains("libcuda.so.1") || reason.contains("driver"), reason);
        assertFalse(a.detail().contains("\n"), "one line: " + a.detail());
    }

    @Test
    void registryListsCudaWithTheProbeReasonAndRefusesToOpenIt()
    {
        final Availability a = CudaProbe.availability();
        Assumptions.assumeFalse(a.available(), "a CUDA driver is present: " + a.detail());
        final BackendRegistry registry = new BackendRegistry(List.of(new CudaBackendProvider()));

        final BackendStatus status = registry.status(CudaBackendProvider.NAME);
        final BackendUnavailableException e = assertThrows(
            BackendUnavailableException.class, () -> registry.open(CudaBackendProvider.NAME));

        assertFalse(status.available());
        assertEquals(a.detail(), status.detail());
        assertTrue(e.getMessage().contains(a.detail()), e.getMessage());
    }

    @Test
    void requiredBackendIsAvailable()
    {
        Assumptions.assumeTrue(Requirement.required().contains(CudaBackendProvider.NAME),
            "-D" + Requirement.PROPERTY + " does not name cuda");

        final Availability a = CudaProbe.availability();

        assertTrue(a.available(), a.detail());
        assertTrue(a.detail().contains("gradients: "), a.detail());
    }

    @Test
    void missingLibraryIsFoundInJCudasMultiLineMessage()
    {
        final UnsatisfiedLinkError e = new UnsatisfiedLinkError(
            "Error while loading native library\njava.lang.UnsatisfiedLinkError: "
            + "/tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: "
            + "cannot open shared object file: No such file or directory\n\tat ...");
        final NoClassDefFoundError wrapped = new NoClassDefFoundError("x");
        wrapped.initCause(e);

        assertEquals("libcuda.so.1", CudaProbe.missingLibrary(wrapped));
        assertTrue(CudaProbe.describeLoadFailure(e)
            .startsWith("no NVIDIA driver: libcuda.so.1 cannot be loaded"));
        assertEquals("JCuda did not initialise: UnsatisfiedLinkError: first",
            CudaProbe.describeLoadFailure(new UnsatisfiedLinkError("first\nsecond")));
    }

    @Test
    void aDriverTooOldForThePtxIsReportedWithTheVersionFoundAndTheVersionNeeded()
    {
        final String reason =
            CudaProbe.ptxRefusal(CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION, 12040, 13000);

        assertEquals("the shipped PTX did not load (CUDA_ERROR_UNSUPPORTED_PTX_VERSION): it needs"
            + " a driver for CUDA 13.0 or newer (driver version >= 13000), found driver 12.4"
            + " (12040)", reason);
    }

    @Test
    void aPtxFailureOnARecentEnoughDriverDoesNotBlameTheDriverVersion()
    {
        final String reason = CudaProbe.ptxRefusal(CUresult.CUDA_ERROR_INVALID_PTX, 13000, 13000);

        assertEquals("the shipped PTX did not load (CUDA_ERROR_INVALID_PTX) on driver 13.0 (13000),"
            + " which meets its minimum 13000", reason);
    }

    @Test
    void gradientPathChoiceNamesTheAcceptedValues()
    {
        assertEquals(GradientPath.CUBLAS, GradientPath.choose(null, true));
        assertEquals(GradientPath.OWN_KERNELS, GradientPath.choose("auto", false));
        assertEquals(GradientPath.OWN_KERNELS, GradientPath.choose("kernels", true));
        final IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> GradientPath.choose("gemm", true));
        assertEquals("descent.cuda.gradients must be auto, cublas or kernels: gemm",
            e.getMessage());
    }
}
