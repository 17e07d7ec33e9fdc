package io.descent.opencl;

import io.descent.backend.Availability;
import io.descent.backend.BackendEngine;
import io.descent.backend.BackendProvider;
import io.descent.backend.BackendUnavailableException;

/**
 * The {@code opencl} backend: Aparapi on an OpenCL device (a GPU or accelerator first, then a
 * CPU; {@value OpenClDevices#DEVICE_PROPERTY} chooses by index or name).
 *
 * <p>The probe opens the engine for real: it chooses the device and compiles every kernel for it,
 * then runs one launch and checks that it ran there. Whatever would make Aparapi fall back to its
 * Java thread pool (no OpenCL runtime, no such device, a kernel it cannot translate or compile)
 * becomes an unavailable answer with that reason, so {@code opencl} never means Java threads.
 */
public final class OpenClProvider implements BackendProvider
{
    /** The backend's short name. */
    public static final String NAME = "opencl";

    /** Below a CUDA backend on the same machine, above the pure-Java one. */
    public static final int PRIORITY = 50;

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
        try (OpenClEngine engine = OpenClEngine.open())
        {
            return Availability.available(engine.device());
        }
        catch (final BackendUnavailableException ex)
        {
            return Availability.unavailable(ex.getMessage());
        }
        catch (final LinkageError | RuntimeException ex)
        {
            return Availability.unavailable("OpenCL through Aparapi", ex);
        }
    }

    @Override
    public BackendEngine open()
    {
        return OpenClEngine.open();
    }
}
