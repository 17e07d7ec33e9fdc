package io.descent.cuda;

import jcuda.CudaException;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Result-code handling, which behaves the same whether JCuda's exceptions are on or off. */
class CuTest
{
    @Test
    void returnedCodesPassThrough()
    {
        assertEquals(CUresult.CUDA_SUCCESS, Cu.call(() -> CUresult.CUDA_SUCCESS));
        assertEquals(CUresult.CUDA_ERROR_NO_DEVICE, Cu.call(() -> CUresult.CUDA_ERROR_NO_DEVICE));
    }

    @Test
    void exceptionsFromJCudaBecomeTheirCodes()
    {
        assertEquals(CUresult.CUDA_ERROR_OUT_OF_MEMORY, Cu.call(() ->
        {
            throw new CudaException("CUDA_ERROR_OUT_OF_MEMORY");
        }));
        assertEquals(CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION, Cu.call(() ->
        {
            throw new CudaException("CUDA_ERROR_UNSUPPORTED_PTX_VERSION");
        }));
        assertEquals(CUresult.CUDA_ERROR_UNKNOWN, Cu.call(() ->
        {
            throw new CudaException("something else");
        }));
    }

    @Test
    void failedCallsNameTheCallAndTheError()
    {
        final CudaFailureException e = assertThrows(CudaFailureException.class,
            () -> Cu.check("cuMemAlloc of 4096 bytes", () -> CUresult.CUDA_ERROR_INVALID_VALUE));

        assertEquals("cuMemAlloc of 4096 bytes failed: CUDA_ERROR_INVALID_VALUE", e.getMessage());
        assertEquals(CUresult.CUDA_ERROR_INVALID_VALUE, e.result());
    }

    @Test
    void memoryExhaustionNamesTheSizeAskedForAndTheMemoryFree()
    {
        final DeviceMemoryException e = new DeviceMemoryException(
            "F32[1073741824]", 4_294_967_296L, 1_000_000L, 150_000_000_000L,
            CUresult.CUDA_ERROR_OUT_OF_MEMORY);

        assertEquals("device memory exhausted: F32[1073741824] asked for 4294967296 bytes,"
            + " 1000000 of 150000000000 bytes free", e.getMessage());
    }
}
