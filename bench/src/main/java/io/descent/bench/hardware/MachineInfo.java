package io.descent.bench.hardware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark ran on: CPU model and logical processors from {@code /proc/cpuinfo}
 * (falling back to the JVM's view where that file is absent), operating system, JVM, heap
 * limit, and the load average when the description was taken.
 *
 * @param cpuModel       the first {@code model name} in /proc/cpuinfo, or the OS architecture.
 * @param logicalCpus    processors listed in /proc/cpuinfo, else the JVM's count.
 * @param jvmProcessors  processors this JVM may use.
 * @param os             name, version and architecture.
 * @param jvm            vendor, name and version of the running JVM.
 * @param maxHeapBytes   the JVM's heap limit.
 * @param loadAverage    the first three fields of /proc/loadavg, or "n/a".
 */
public record MachineInfo(
    String cpuModel, int logicalCpus, int jvmProcessors, String os, String jvm, long maxHeapBytes,
    String loadAverage)
{
    /** @return a description of this machine, read now. */
    public static MachineInfo detect()
    {
        return detect(Path.of("/proc/cpuinfo"), Path.of("/proc/loadavg"));
    }

    /** @return a description read from the given files, which may be absent. */
    static MachineInfo detect(final Path cpuinfo, final Path loadavg)
    {
        final List<String> lines = readLines(cpuinfo);
        String model = null;
        int processors = 0;
        for (final String line : lines)
        {
            final String key = line.contains(":") ? line.substring(0, line.indexOf(':')).trim()
                : "";
            if (key.equals("processor"))
            {
                processors++;
            }
            else if (key.equals("model name") && model == null)
            {
                model = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        final int jvmProcessors = Runtime.getRuntime().availableProcessors();
        final List<String> load = readLines(loadavg);
        final String loadAverage = load.isEmpty() ? "n/a" : firstFields(load.get(0), 3);

        return new MachineInfo(
            model != null ? model : System.getProperty("os.arch"),
            processors > 0 ? processors : jvmProcessors,
            jvmProcessors,
            System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"),
            System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"),
            Runtime.getRuntime().maxMemory(),
            loadAverage);
    }

    /**
     * @return one line, e.g. {@code Intel(R) Xeon(R) Processor, 2 logical CPUs, load 0.25 0.19
     * 0.12}.
     */
    public String summary()
    {
        return cpuModel + ", " + logicalCpus + " logical CPUs (" + jvmProcessors
            + " for this JVM), load " + loadAverage;
    }

    private static List<String> readLines(final Path file)
    {
        try
        {
            return Files.readAllLines(file);
        }
        catch (final IOException | SecurityException e)
        {
            return List.of();
        }
    }

    private static String firstFields(final String line, final int count)
    {
        final String[] parts = line.trim().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(parts, Math.min(count, parts.length)));
    }
}
