package io.descent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The top-level {@code descent} command. Its subcommands are registered in
 * {@link Main#commandLine}; {@code --debug} and {@code --verbose} are accepted before or after
 * the subcommand's name.
 */
@Command(name = "descent", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Gradient-descent kernels on CUDA, OpenCL and the JVM: train models, list and "
        + "verify backends.",
    footer = {"", "Exit status: 0 success, 1 the job failed (diverged, verification mismatch), "
        + "2 a usage or input error."})
final class DescentCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
        description = "print the stack trace of an error")
    boolean debug;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
        description = "show the library's log (backend selection and probes) on standard error")
    boolean verbose;

    @Override
    public Integer call()
    {
        throw new UsageException("a subcommand is required: "
            + String.join(", ", spec.subcommands().keySet())
            + " (see 'descent --help')");
    }
}
