package io.descent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.backend.BackendStatus;
import io.descent.verify.ConformanceChecks;
import io.descent.verify.ConformanceChecks.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code descent verify}: runs {@link ConformanceChecks} on every available backend, or on the
 * one named, and prints a table. Exits with 1 when any check fails; a backend that cannot run
 * here is listed with its reason and is not a failure unless it was named.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check every kernel of each available backend against the double-precision "
        + "reference.")
final class VerifyCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", description = "check only this backend")
    private String backend;

    @Option(names = "--json", description = "print one JSON object on standard output")
    private boolean json;

    /** The results of one backend; {@code results} is empty when it is unavailable. */
    private record Checked(BackendStatus status, List<Result> results)
    {
    }

    @Override
    public Integer call()
    {
        final BackendRegistry registry = BackendRegistry.load();
        final List<Checked> checked = new ArrayList<>();
        if (backend != null)
        {
            try (Backend opened = registry.open(backend))
            {
                checked.add(new Checked(registry.status(opened.name()),
                    ConformanceChecks.run(opened)));
            }
        }
        else
        {
            for (final BackendStatus s : registry.statuses())
            {
                checked.add(new Checked(s, s.available() ? runOn(registry, s.name()) : List.of()));
            }
        }

        final boolean passed = checked.stream().flatMap(c -> c.results().stream())
            .allMatch(Result::passed);
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            out.println(Json.write(json(checked, passed)));
        }
        else
        {
            table(out, checked, passed);
        }
        out.flush();
        return passed ? ExitCode.OK : ExitCode.FAILED;
    }

    private static List<Result> runOn(final BackendRegistry registry, final String name)
    {
        try (Backend opened = registry.open(name))
        {
            return ConformanceChecks.run(opened);
        }
    }

    private static ObjectNode json(final List<Checked> checked, final boolean passed)
    {
        final ObjectNode root = Json.object();
        root.put("passed", passed);
        final ArrayNode backends = root.putArray("backends");
        for (final Checked c : checked)
        {
            final ObjectNode b = backends.addObject();
            b.put("name", c.status().name());
            b.put("available", c.status().available());
            b.put(c.status().available() ? "device" : "reason", c.status().detail());
            final ArrayNode checks = b.putArray("checks");
            for (final Result r : c.results())
            {
                final ObjectNode o = checks.addObject();
                o.put("check", r.kernel());
                o.put("precision", r.precision().name().toLowerCase(Locale.ROOT));
                o.put("outcome", outcome(r).toLowerCase(Locale.ROOT));
                o.put("detail", r.detail());
            }
        }
        return root;
    }

    private static String outcome(final Result r)
    {
        return r.skipped() ? "skip" : r.passed() ? "pass" : "FAIL";
    }

    private static void table(final PrintWriter out, final List<Checked> checked,
        final boolean passed)
    {
        final String row = "%-8s %-9s %-40s %-6s %s%n";
        out.printf(Locale.ROOT, row, "BACKEND", "PRECISION", "CHECK", "RESULT", "DETAIL");
        for (final Checked c : checked)
        {
            if (!c.status().available())
            {
                out.printf(Locale.ROOT, "%-8s unavailable: %s%n", c.status().name(),
                    c.status().detail());
                continue;
            }
            for (final Result r : c.results())
            {
                final String precision = r.precision().name().toLowerCase(Locale.ROOT);
                out.printf(Locale.ROOT, row, c.status().name(), precision, r.kernel(), outcome(r),
                    r.detail());
            }
        }
        out.println(passed ? "all checks passed" : "verification FAILED: a backend disagrees with "
            + "the reference");
    }
}
