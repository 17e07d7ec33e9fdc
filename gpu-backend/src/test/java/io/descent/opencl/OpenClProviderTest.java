package io.descent.opencl;

import com.aparapi.Config;
import com.aparapi.device.OpenCLDevice;
import io.descent.backend.Availability;
import io.descent.conformance.Requirement;
import io.descent.backend.BackendStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe: which device it reports, and the reasons it gives when it cannot run. These tests
 * run with or without OpenCL; only the ones that need a device are skipped without one.
 */
class OpenClProviderTest
{
    private final OpenClProvider provider = new OpenClProvider();

    @Test
    void probeNamesThePropertyWhenNoDeviceMatchesIt()
    {
        final Availability answer = withDevice("no-such-device-anywhere", provider::probe);

        assertFalse(answer.available());
        if (OpenClDevices.list().isEmpty())
        {
            assertTrue(answer.detail().startsWith("no OpenCL"), answer.detail());
        }
        else
        {
            final String expected = "no OpenCL device matches "
                + "descent.opencl.device=no-such-device-anywhere: devices are [0] ";
            assertTrue(answer.detail().startsWith(expected), answer.detail());
        }
    }

    @Test
    void probeRejectsAnIndexPastTheLastDevice()
    {
        final int count = OpenClDevices.list().size();
        final Availability answer = withDevice(Integer.toString(count), provider::probe);

        assertFalse(answer.available());
        if (count > 0)
        {
            final String expected =
                "descent.opencl.device=" + count + " is out of range: devices are";
            assertTrue(answer.detail().startsWith(expected), answer.detail());
        }
    }

    @Test
    void probeReportsTheDeviceItWouldUseGpusBeforeCpus()
    {
        final List<OpenCLDevice> devices = OpenClDevices.list();
        assumeDevice(devices);

        final Availability answer = withDevice(null, provider::probe);

        assertTrue(answer.available(), answer.detail());
        final String first = devices.get(0).getName().trim();
        assertTrue(answer.detail().startsWith(first + " ("), answer.detail());
        for (int i = 1; i < devices.size(); i++)
        {
            assertTrue(rank(devices.get(i - 1)) <= rank(devices.get(i)),
                "GPU, then accelerator, then CPU");
        }
    }

    @Test
    void deviceCanBeChosenByIndexOrByPartOfItsName()
    {
        final List<OpenCLDevice> devices = OpenClDevices.list();
        assumeDevice(devices);
        final OpenCLDevice last = devices.get(devices.size() - 1);
        final String name = last.getName().trim();
        final String part = name.substring(0, Math.min(6, name.length()));

        final Availability byIndex =
            withDevice(Integer.toString(devices.size() - 1), provider::probe);
        final Availability byName =
            withDevice(part.toUpperCase(java.util.Locale.ROOT), provider::probe);

        assertTrue(byIndex.available() && byIndex.detail().startsWith(name), byIndex.detail());
        assertTrue(byName.available(), byName.detail());
    }

    @Test
    void probeRefusesWhenAparapiIsForcedOntoJavaThreads() throws Exception
    {
        assumeDevice(OpenClDevices.list());

        // Aparapi reads its execution mode once per JVM, so the probe runs in a fresh one.
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(java, "-Dcom.aparapi.executionMode=JTP",
            "-cp", System.getProperty("java.class.path"), ProbeMain.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        final String output = new String(process.getInputStream().readAllBytes(), UTF_8).trim();

        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe process finished");
        final String expected = "unavailable: Aparapi cannot run the F32 kernels on ";
        assertTrue(output.startsWith(expected), output);
        assertTrue(output.endsWith("(com.aparapi.executionMode=JTP is set)"), output);
    }

    @Test
    void aparapisOwnLoggingIsSilencedUnlessVerbose()
    {
        Assumptions.assumeFalse(Boolean.getBoolean(AparapiLogging.VERBOSE_PROPERTY),
            "Aparapi's messages were asked for with -D" + AparapiLogging.VERBOSE_PROPERTY);
        OpenClDevices.list();

        final Level level = Logger.getLogger(Config.getLoggerName()).getLevel();

        assertEquals(Level.OFF, level);
    }

    private static int rank(final OpenCLDevice device)
    {
        return switch (device.getType())
        {
            case GPU -> 0;
            case ACC -> 1;
            default -> 2;
        };
    }

    private static void assumeDevice(final List<OpenCLDevice> devices)
    {
        if (devices.isEmpty())
        {
            final String reason = OpenClDevices.choose(null).reason();
            Requirement.assumeAvailable(
                new BackendStatus(OpenClProvider.NAME, OpenClProvider.PRIORITY, false, reason));
        }
    }

    private static <T> T withDevice(final String value, final Supplier<T> action)
    {
        final String before = System.getProperty(OpenClDevices.DEVICE_PROPERTY);
        set(value);
        try
        {
            return action.get();
        }
        finally
        {
            set(before);
        }
    }

    private static void set(final String value)
    {
        if (value == null)
        {
            System.clearProperty(OpenClDevices.DEVICE_PROPERTY);
        }
        else
        {
            System.setProperty(OpenClDevices.DEVICE_PROPERTY, value);
        }
    }
}
