package io.descent.cuda;

import io.descent.backend.Availability;

/**
 * Prints what the CUDA probe found, for {@code scripts/gpu-check}: one line of availability
 * and, with a device, the driver version, the kernel origin and the gradient path. Exits 1 when
 * the backend is unavailable.
 */
public final class ProbeReport
{
    private ProbeReport()
    {
    }

    public static void main(final String[] args)
    {
        final CudaProbe.Result result = CudaProbe.result();
        final Availability a = result.availability();
        final String state = a.available() ? "available: " : "unavailable: ";
        System.out.println("cuda " + state + a.detail());
        final CudaDevice d = result.device();
        if (d != null)
        {
            final GradientPath path =
                GradientPath.choose(System.getProperty(GradientPath.PROPERTY), d.hasCublas());
            final String cublas =
                d.hasCublas() ? "cuBLAS " + d.cublasVersion() : d.cublasReason();
            System.out.println(
                "device: " + d.name() + ", sm_" + d.computeMajor() + d.computeMinor());
            System.out.println("driver version: " + d.driverVersion() + " (CUDA "
                + PtxResource.cudaVersion(d.driverVersion()) + ")");
            System.out.println("kernels: " + d.kernelOrigin());
            System.out.println("gradient path: " + path + " (" + cublas + ")");
        }
        System.exit(a.available() ? 0 : 1);
    }
}
