package io.descent.cpu;

import io.descent.conformance.BackendConformanceTest;

/** The pure-Java backend against the shared contract. */
class JavaBackendConformanceTest extends BackendConformanceTest
{
    @Override
    protected String backendName()
    {
        return JavaBackendProvider.NAME;
    }
}
