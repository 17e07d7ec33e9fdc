package io.descent.bench;

import io.descent.backend.BackendRegistry;
import io.descent.backend.BackendStatus;
import io.descent.bench.hardware.MachineInfo;
import io.descent.bench.jmh.BenchDefaults;
import io.descent.bench.report.JmhJson;
import io.descent.bench.report.Measured;
import io.descent.bench.report.ResultTable;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark suite's one command: runs the JMH benchmarks over every available backend, then
 * the NumPy peer (when python3 can import numpy) at the same sizes, then writes the tables.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar [--out DIR] [--no-numpy] [JMH options]
 * </pre>
 *
 * JMH options pass through unchanged ({@code -p log2Size=10,...,26}, {@code -f}, {@code -wi},
 * {@code -i}, {@code -r}, include regexes). Without {@code -p backend=...} the backend
 * parameter is set to every backend the registry finds available. DIR (default
 * {@code target/bench-results}) receives {@code jmh.json}, {@code numpy.json} and
 * {@code results.md}, the last headed by the machine, the date, the load average before and
 * after, and the command.
 */
public final class Suite
{
    private static final String SCRIPT = "/io/descent/bench/peers/numpy/numpy_peer.py";
    private static final int DEFAULT_WARMUPS = BenchDefaults.WARMUPS;
    private static final int DEFAULT_ITERATIONS = BenchDefaults.ITERATIONS;
    private static final double DEFAULT_SECONDS = BenchDefaults.ITERATION_MS / 1e3;

    private Suite()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        Path out = Path.of("target", "bench-results");
        boolean numpy = true;
        final List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            if ("--out".equals(args[i]) && i + 1 < args.length)
            {
                out = Path.of(args[++i]);
            }
            else if ("--no-numpy".equals(args[i]))
            {
                numpy = false;
            }
            else
            {
                jmhArgs.add(args[i]);
            }
        }
        Files.createDirectories(out);
        System.exit(run(out, numpy, jmhArgs, String.join(" ", args)));
    }

    private static int run(final Path out, final boolean numpy, final List<String> jmhArgs,
        final String command)
        throws IOException, InterruptedException, RunnerException
    {
        final CommandLineOptions cmd;
        try
        {
            cmd = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        }
        catch (final CommandLineOptionException e)
        {
            System.err.println("descent bench suite: " + e.getMessage());
            return 2;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams())
        {
            // Listing and help are JMH's own business; nothing is run or written.
            final Runner runner = new Runner(cmd);
            if (cmd.shouldHelp())
            {
                cmd.showHelp();
            }
            else
            {
                runner.list();
            }
            return 0;
        }
        final MachineInfo before = MachineInfo.detect();
        final Instant started = Instant.now();
        final List<String> backends = availableBackends();

        final Path jmhJson = out.resolve("jmh.json");
        final ChainedOptionsBuilder options = new OptionsBuilder().parent(cmd)
            .resultFormat(ResultFormatType.JSON).result(jmhJson.toString());
        if (!cmd.getParameter("backend").hasValue())
        {
            options.param("backend", backends.toArray(new String[0]));
        }
        new Runner(options.build()).run();

        final List<Measured> all = new ArrayList<>(JmhJson.read(jmhJson));
        final Path numpyJson = out.resolve("numpy.json");
        if (numpy && runNumpy(cmd, numpyJson))
        {
            all.addAll(JmhJson.read(numpyJson));
        }

        final MachineInfo after = MachineInfo.detect();
        final String header = "## Run of " + started + "\n\n"
            + "- command: `java -jar bench/target/benchmarks.jar " + command + "`\n"
            + "- machine: " + before.cpuModel() + ", " + before.logicalCpus() + " logical CPUs; "
            + before.os() + "; " + before.jvm() + "\n"
            + "- backends available: " + String.join(", ", backends) + "\n"
            + "- load average (1, 5, 15 min): " + before.loadAverage() + " before, "
                + after.loadAverage()
            + " after\n- finished: " + Instant.now() + "\n\n";
        final String tables = new ResultTable(all).markdown();
        Files.writeString(out.resolve("results.md"), header + lscpu() + tables);
        System.out.println("descent bench suite: wrote " + out.resolve("results.md"));
        return 0;
    }

    /** @return {@code lscpu} without its Flags and Vulnerability lines, fenced; empty if absent. */
    private static String lscpu() throws InterruptedException
    {
        try
        {
            final Process p = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
            final String text = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0)
            {
                return "";
            }
            final StringBuilder sb = new StringBuilder("```\n$ lscpu\n");
            text.lines()
                .filter(l -> !l.startsWith("Flags") && !l.startsWith("Vulnerab"))
                .forEach(l -> sb.append(l).append('\n'));
            return sb.append("```\n\n").toString();
        }
        catch (final IOException e)
        {
            return "";
        }
    }

    private static List<String> availableBackends()
    {
        final List<String> names = new ArrayList<>();
        for (final BackendStatus s : BackendRegistry.load().statuses())
        {
            System.out.println("# backend " + s.name() + ": " + (s.available() ? "available, "
                : "unavailable, ")
                + s.detail());
            if (s.available())
            {
                names.add(s.name());
            }
        }
        return names;
    }

    /**
     * Runs the NumPy peer with the sizes, precisions and timing of the JMH run; false if skipped.
     */
    private static boolean runNumpy(final CommandLineOptions cmd, final Path json)
        throws IOException, InterruptedException
    {
        if (!hasNumpy())
        {
            System.out.println("# numpy peer skipped: python3 with numpy not found");
            return false;
        }
        final boolean updates = selected(cmd, "UpdateBench");
        final boolean gradients = selected(cmd, "GradientBench");
        if (!updates && !gradients)
        {
            return false;
        }

        final Path script = Files.createTempFile("numpy_peer", ".py");
        try (InputStream in = Suite.class.getResourceAsStream(SCRIPT))
        {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        final List<String> command = new ArrayList<>(List.of("python3", script.toString(), "--out",
            json.toString(),
            "--sizes", updates ? joined(cmd.getParameter("log2Size").orElse(defaultSizes())) : "",
            "--precisions", joined(cmd.getParameter("precision").orElse(List.of("F32", "F64"))),
            "--shapes", gradients ? joined(param(cmd, "shape", "tall", "square", "wide")) : "",
            "--losses", joined(param(cmd, "loss", "least-squares", "logistic")),
            "--batches", joined(param(cmd, "batch", "full", "256")),
            "--warmups", Integer.toString(cmd.getWarmupIterations().orElse(DEFAULT_WARMUPS)),
            "--iterations", Integer.toString(
                cmd.getMeasurementIterations().orElse(DEFAULT_ITERATIONS)),
            "--seconds", Double.toString(seconds(cmd))));
        System.out.println("# numpy peer: " + String.join(" ", command));
        final int rc = new ProcessBuilder(command).inheritIO().start().waitFor();
        Files.deleteIfExists(script);
        return rc == 0;
    }

    private static Collection<String> param(final CommandLineOptions cmd, final String name,
        final String... defaults)
    {
        return cmd.getParameter(name).orElse(List.of(defaults));
    }

    private static double seconds(final CommandLineOptions cmd)
    {
        return cmd.getMeasurementTime().hasValue()
            ? cmd.getMeasurementTime().get().convertTo(TimeUnit.MILLISECONDS) / 1e3
            : DEFAULT_SECONDS;
    }

    private static boolean hasNumpy() throws InterruptedException
    {
        try
        {
            return new ProcessBuilder("python3", "-c", "import numpy").start().waitFor() == 0;
        }
        catch (final IOException e)
        {
            return false;
        }
    }

    private static boolean selected(final CommandLineOptions cmd, final String benchmark)
    {
        final List<String> includes = cmd.getIncludes();
        return includes.isEmpty() || includes.stream().anyMatch(regex -> benchmark.matches(".*"
            + regex + ".*")
            || regex.contains(benchmark));
    }

    private static List<String> defaultSizes()
    {
        return List.of(
            BenchDefaults.SIZE_A, BenchDefaults.SIZE_B, BenchDefaults.SIZE_C, BenchDefaults.SIZE_D);
    }

    private static String joined(final Collection<String> values)
    {
        return String.join(",", values);
    }
}
