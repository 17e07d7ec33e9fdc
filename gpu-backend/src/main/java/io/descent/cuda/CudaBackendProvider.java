package io.descent.cuda;

import io.descent.backend.Availability;
import io.descent.backend.BackendEngine;
import io.descent.backend.BackendProvider;
import io.descent.backend.BackendUnavailableException;

/**
 * The CUDA backend ({@code cuda}): JCuda's driver API with the PTX kernels of this module, and
 * cuBLAS GEMV for gradients where {@code libcublas.so.12} loads. The probe is
 * {@link CudaProbe}; its detail names the device, the driver, where the kernels came from (the
 * shipped PTX or NVRTC) and which gradient path runs. System property
 * {@value GradientPath#PROPERTY} ({@code auto}, {@code cublas}, {@code kernels}) picks the
 * gradient path; {@value CudaProbe#DEVICE_PROPERTY} the device.
 */
public final class CudaBackendProvider implements BackendProvider
{
    /** The backend's short name. */
    public static final String NAME = "cuda";

    /** Above OpenCL and the Java backend: a CUDA device is preferred when one works. */
    public static final int PRIORITY = 300;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public int priority()
    {
        return PRIORITY;
    }

    @Override
    public Availability probe()
    {
        return CudaProbe.availability();
    }

    @Override
    public BackendEngine open()
    {
        final CudaProbe.Result probe = CudaProbe.result();
        if (probe.device() == null)
        {
            throw new BackendUnavailableException(NAME + ": " + probe.availability().detail());
        }
        final GradientPath path = GradientPath.choose(System.getProperty(GradientPath.PROPERTY),
            probe.device().hasCublas());
        try
        {
            return CudaEngine.open(path);
        }
        catch (final RuntimeException e)
        {
            throw new BackendUnavailableException(NAME + ": " + e.getMessage());
        }
    }
}
