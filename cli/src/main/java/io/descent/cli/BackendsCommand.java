package io.descent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.descent.backend.BackendRegistry;
import io.descent.backend.BackendStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code descent backends}: every backend, whether it can run here, and why not. */
@Command(name = "backends", mixinStandardHelpOptions = true,
    description = "List every backend, available or not, with its device or the reason it cannot "
        + "run.")
final class BackendsCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "print one JSON array on standard output")
    private boolean json;

    @Override
    public Integer call()
    {
        final List<BackendStatus> statuses = BackendRegistry.load().statuses();
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            out.println(Json.write(json(statuses)));
        }
        else
        {
            table(out, statuses);
        }
        out.flush();
        return ExitCode.OK;
    }

    static ArrayNode json(final List<BackendStatus> statuses)
    {
        final ArrayNode array = Json.array();
        for (final BackendStatus s : statuses)
        {
            final ObjectNode o = array.addObject();
            o.put("name", s.name());
            o.put("available", s.available());
            if (s.available())
            {
                o.putNull("reason");
                o.put("device", s.detail());
            }
            else
            {
                o.put("reason", s.detail());
                o.putNull("device");
            }
            o.put("priority", s.priority());
        }
        return array;
    }

    private static void table(final PrintWriter out, final List<BackendStatus> statuses)
    {
        int width = "BACKEND".length();
        for (final BackendStatus s : statuses)
        {
            width = Math.max(width, s.name().length());
        }
        final String row = "%-" + width + "s  %-9s  %8s  %s%n";
        out.printf(Locale.ROOT, row, "BACKEND", "AVAILABLE", "PRIORITY", "DEVICE OR REASON");
        for (final BackendStatus s : statuses)
        {
            final String available = s.available() ? "yes" : "no";
            out.printf(Locale.ROOT, row, s.name(), available, s.priority(), s.detail());
        }
    }
}
