package io.descent.opencl;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLLoader;
import com.aparapi.internal.opencl.OpenCLPlatform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the OpenCL device: GPUs first, then accelerators, then CPUs, in the order the
 * platforms list them; the system property {@value #DEVICE_PROPERTY} picks one of that list by
 * its index or by a case-insensitive part of its name or platform name.
 */
final class OpenClDevices
{
    /** System property naming the device: an index into {@link #list()} or part of a name. */
    static final String DEVICE_PROPERTY = "descent.opencl.device";

    private OpenClDevices()
    {
    }

    /** The device chosen, or the reason there is none. */
    record Choice(OpenCLDevice device, String reason)
    {
    }

    /** @return every OpenCL device Aparapi sees, GPUs first, then accelerators, then CPUs. */
    static List<OpenCLDevice> list()
    {
        AparapiLogging.apply();
        final List<OpenCLDevice> devices = new ArrayList<>();
        for (final Device.TYPE type : List.of(Device.TYPE.GPU, Device.TYPE.ACC, Device.TYPE.CPU))
        {
            devices.addAll(OpenCLDevice.listDevices(type));
        }
        return devices;
    }

    /** @return the device {@code request} picks from {@link #list()}; null or blank: the first. */
    static Choice choose(final String request)
    {
        final List<OpenCLDevice> devices = list();
        if (devices.isEmpty())
        {
            return new Choice(null, noDeviceReason());
        }
        if (request == null || request.isBlank())
        {
            return new Choice(devices.get(0), null);
        }

        final String wanted = request.trim();
        if (wanted.chars().allMatch(Character::isDigit))
        {
            final long index = Long.parseLong(wanted);
            return index < devices.size()
                ? new Choice(devices.get((int)index), null)
                : new Choice(null, DEVICE_PROPERTY + "=" + wanted + " is out of range: "
                    + listing(devices));
        }
        final String needle = wanted.toLowerCase(Locale.ROOT);
        for (final OpenCLDevice device : devices)
        {
            if (device.getName().toLowerCase(Locale.ROOT).contains(needle)
                || device.getOpenCLPlatform().getName().toLowerCase(Locale.ROOT).contains(needle))
            {
                return new Choice(device, null);
            }
        }
        return new Choice(null, "no OpenCL device matches " + DEVICE_PROPERTY + "=" + wanted + ": "
            + listing(devices));
    }

    private static String noDeviceReason()
    {
        if (!OpenCLLoader.isOpenCLAvailable())
        {
            return "no OpenCL runtime: Aparapi could not load libOpenCL (install an ICD loader"
                + " and a driver, e.g. ocl-icd-libopencl1 and pocl-opencl-icd)";
        }
        if (OpenCLPlatform.getUncachedOpenCLPlatforms().isEmpty())
        {
            return "no OpenCL platform: libOpenCL loaded but found no driver (install one, e.g."
                + " pocl-opencl-icd for CPUs)";
        }
        return "no OpenCL device: the OpenCL platforms list no GPU, accelerator or CPU";
    }

    /** @return one line describing {@code device}: name, type, platform, compute units, memory. */
    static String describe(final OpenCLDevice device)
    {
        final OpenCLPlatform platform = device.getOpenCLPlatform();
        // Drivers append build details to the version after a comma (PoCL: LLVM, SLEEF, ...).
        final String version = platform.getVersion().split(",")[0].trim().replaceAll("\\s+", " ");
        return device.getName().trim() + " (" + device.getType() + ", " + platform.getName().trim()
            + ", " + version + ", " + device.getMaxComputeUnits() + " compute units, "
            + (device.getGlobalMemSize() >> 20) + " MiB)";
    }

    private static String listing(final List<OpenCLDevice> devices)
    {
        final StringBuilder text = new StringBuilder("devices are");
        for (int i = 0; i < devices.size(); i++)
        {
            text.append(i == 0 ? " " : ", ").append('[').append(i).append("] ")
                .append(devices.get(i).getName().trim());
        }
        return text.toString();
    }
}
