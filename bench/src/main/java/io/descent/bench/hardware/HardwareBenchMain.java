package io.descent.bench.hardware;

import io.descent.backend.BackendRegistry;
import io.descent.bench.workload.UpdateKernel;
import io.descent.memory.Precision;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@link HardwareBench} from a shell until {@code descent bench} does, printing progress
 * to stderr and the table to stdout:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.descent.bench.hardware.HardwareBenchMain \
 *     [--budget-s 20] [--sizes 16,20,24] [--backends java,opencl] [--kernels plain,momentum]
 *     [--precision f32] [--json FILE] [--png FILE]
 * </pre>
 */
public final class HardwareBenchMain
{
    private HardwareBenchMain()
    {
    }

    public static void main(final String[] args)
    {
        try
        {
            run(args);
        }
        catch (final IllegalArgumentException e)
        {
            System.err.println("descent bench: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(final String[] args)
    {
        HardwareOptions options = HardwareOptions.defaults();
        Path json = null;
        Path png = null;
        for (int i = 0; i < args.length; i++)
        {
            final String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null)
            {
                throw new IllegalArgumentException("option needs a value: " + args[i]);
            }
            switch (args[i])
            {
                case "--budget-s" -> options = options.withBudget(Duration.ofMillis(
                    (long)(1000 * Double.parseDouble(value))));
                case "--sizes" -> options = options.withLog2Sizes(Arrays.stream(value.split(","))
                    .map(String::trim).map(Integer::valueOf).toList());
                case "--backends" -> options = options.withBackends(List.of(value.split(",")));
                case "--kernels" -> options = options.withKernels(kernels(value));
                case "--precision" -> options = options.withPrecision(Precision.parse(value));
                case "--json" -> json = Path.of(value);
                case "--png" -> png = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
            i++;
        }

        final HardwareReport report = new HardwareBench(BackendRegistry.load()).run(options, p ->
            System.err.printf(Locale.ROOT, "[%3.0f%%] %s %s%n", 100 * p.fraction(), p.backend(),
                p.task()));
        System.out.print(report.table());
        if (json != null)
        {
            report.writeJson(json);
        }
        if (png != null)
        {
            report.writeChart(png, 1000, 650);
        }
    }

    private static List<UpdateKernel> kernels(final String text)
    {
        final List<UpdateKernel> out = new ArrayList<>();
        for (final String k : text.split(","))
        {
            out.add(UpdateKernel.parse(k.trim()));
        }
        return out;
    }
}
