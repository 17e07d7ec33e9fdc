package io.descent.opencl;

import io.descent.conformance.BackendConformanceTest;

/** The OpenCL backend against the shared contract; without OpenCL, skipped with the reason. */
class OpenClBackendConformanceTest extends BackendConformanceTest
{
    @Override
    protected String backendName()
    {
        return OpenClProvider.NAME;
    }
}
