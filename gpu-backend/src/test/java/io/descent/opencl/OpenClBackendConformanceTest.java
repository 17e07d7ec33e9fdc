package io.descent.opencl;

import io.descent.conformance.BackendConformanceTest;

/** The OpenCL backend against the shared contract; skipped with the probe's reason without OpenCL. */
class OpenClBackendConformanceTest extends BackendConformanceTest
{
    @Override
    protected String backendName()
    {
        return OpenClProvider.NAME;
    }
}
