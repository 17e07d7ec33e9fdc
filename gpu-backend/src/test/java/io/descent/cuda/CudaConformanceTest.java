package io.descent.cuda;

import io.descent.conformance.BackendConformanceTest;

/** The CUDA backend against the shared contract; skipped with the probe's reason without a GPU. */
class CudaConformanceTest extends BackendConformanceTest
{
    @Override
    protected String backendName()
    {
        return CudaBackendProvider.NAME;
    }
}
