package io.descent.cli;

import io.descent.backend.BackendRegistry;
import io.descent.bench.hardware.HardwareBench;
import io.descent.bench.hardware.HardwareOptions;
import io.descent.bench.hardware.HardwareReport;
import io.descent.bench.hardware.ProgressListener;
import io.descent.bench.workload.UpdateKernel;
import io.descent.memory.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code descent bench}: a short hardware benchmark of every available backend. Times the update
 * kernels at a few sizes and one gradient on data resident on each backend, beside the same
 * backend's device-to-device copy of the same bytes, and reports GB/s and the percentage of
 * that copy bandwidth.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark the update kernels and a gradient on every available backend against "
        + "each backend's own copy bandwidth (about 20 s plus set-up by default).")
final class BenchCommand implements Callable<Integer>
{
    private static final int CHART_WIDTH_PX = 1000;
    private static final int CHART_HEIGHT_PX = 600;

    @Spec
    private CommandSpec spec;

    @Option(names = "--budget", paramLabel = "SECONDS",
        description = "time spent measuring, shared by all measurements (default: 20)")
    private double budgetSeconds = HardwareOptions.DEFAULT_BUDGET.toMillis() / 1000.0;

    @Option(names = "--sizes", paramLabel = "LOG2,...", split = ",",
        description = "vector sizes as powers of two, each in [4, 30] (default: 16,20,24)")
    private List<Integer> log2Sizes = List.of(16, 20, 24);

    @Option(names = "--backend", paramLabel = "NAME,...", split = ",",
        description = "backends to measure (default: every available one)")
    private List<String> backends = List.of();

    @Option(names = "--kernels", paramLabel = "NAME,...", split = ",",
        description = "update kernels: plain, momentum, nesterov, ema, velocity, velocity-nesterov "
            + "(default: plain,momentum,nesterov)")
    private List<String> kernels = List.of("plain", "momentum", "nesterov");

    @Option(names = "--precision", paramLabel = "f32|f64", description = "(default: f32)")
    private String precision = "f32";

    @Option(names = "--json", description = "print one JSON object on standard output")
    private boolean json;

    @Option(names = "--chart", paramLabel = "FILE.png",
        description = "also draw GB/s against size, one line per backend and kernel, as a PNG")
    private Path chart;

    @Override
    public Integer call()
    {
        final HardwareOptions options = options();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();

        final HardwareReport report = new HardwareBench(BackendRegistry.load())
            .run(options, progress(err));

        out.print(json ? report.json() + System.lineSeparator() : report.table());
        out.flush();
        if (chart != null)
        {
            report.writeChart(chart, CHART_WIDTH_PX, CHART_HEIGHT_PX);
            err.println("chart written to " + chart);
            err.flush();
        }
        return ExitCode.OK;
    }

    private HardwareOptions options()
    {
        if (!(budgetSeconds > 0) || Double.isInfinite(budgetSeconds))
        {
            throw new UsageException(
                "budget must be finite and > 0 seconds: budget=" + budgetSeconds);
        }
        final String chartName = chart == null ? null : chart.getFileName().toString();
        if (chartName != null && !chartName.toLowerCase(Locale.ROOT).endsWith(".png"))
        {
            throw new UsageException("chart file must end in .png: " + chart);
        }
        final List<UpdateKernel> parsed =
            kernels.stream().map(k -> UpdateKernel.parse(k.trim())).toList();

        return HardwareOptions.defaults()
            .withBudget(Duration.ofMillis((long)(budgetSeconds * 1000)))
            .withLog2Sizes(log2Sizes)
            .withBackends(backends.stream().map(b -> b.trim().toLowerCase(Locale.ROOT)).toList())
            .withKernels(parsed)
            .withPrecision(Precision.parse(precision));
    }

    /** Progress on standard error, only in a terminal: a pipe or a file gets the table alone. */
    private static ProgressListener progress(final PrintWriter err)
    {
        if (System.console() == null)
        {
            return ProgressListener.NONE;
        }
        return p ->
        {
            err.printf(Locale.ROOT, "\r[%3.0f%%] %-10s %-50s",
                100 * p.fraction(), p.backend(), p.task());
            err.flush();
            if (p.fraction() >= 1.0)
            {
                err.print("\r" + " ".repeat(70) + "\r");
                err.flush();
            }
        };
    }
}
