package io.descent.cli;

import io.descent.backend.BackendUnavailableException;
import io.descent.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.util.Arrays;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Entry point of the {@code descent} command.
 *
 * <p>A user's mistake (an unknown option, a malformed data file, an unavailable backend) prints
 * one line starting with {@code error:} on standard error and exits with 2; a job that ran and
 * failed (training diverged, a backend disagreed with the reference) exits with 1. A stack trace
 * is printed only with {@code --debug}. The library logs through {@link System.Logger}, which
 * goes to {@code java.util.logging} here: silenced unless {@code --verbose}.
 */
public final class Main
{
    private Main()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command in this process, for tests and embedding: never calls {@code System.exit}.
     *
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final PrintWriter outWriter = writer(out);
        final PrintWriter errWriter = writer(err);
        final DescentCommand top = new DescentCommand();
        final CommandLine cli = commandLine(top);
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setParameterExceptionHandler((e, badArgs) -> usageError(e, errWriter, hasDebug(args)));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, errWriter, top.debug));
        cli.setExecutionStrategy(parsed -> execute(parsed, top));

        final int status = cli.execute(args);
        outWriter.flush();
        errWriter.flush();
        return status;
    }

    /**
     * Builds the command tree: train, backends, verify and bench.
     */
    static CommandLine commandLine(final DescentCommand top)
    {
        final CommandLine cli = new CommandLine(top);
        cli.addSubcommand(new TrainCommand());
        cli.addSubcommand(new BackendsCommand());
        cli.addSubcommand(new VerifyCommand());
        cli.addSubcommand(new BenchCommand());
        cli.setUsageHelpAutoWidth(true);
        return cli;
    }

    private static PrintWriter writer(final PrintStream stream)
    {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    private static int execute(final ParseResult parsed, final DescentCommand top)
    {
        configureLogging(top.verbose);
        return new CommandLine.RunLast().execute(parsed);
    }

    private static int usageError(final ParameterException e, final PrintWriter err,
        final boolean debug)
    {
        if (debug)
        {
            e.printStackTrace(err);
        }
        final String command = e.getCommandLine().getCommandSpec().qualifiedName();
        err.println("error: " + e.getMessage() + " (see '" + command + " --help')");
        err.flush();
        return ExitCode.USAGE;
    }

    private static int failure(final Exception e, final PrintWriter err, final boolean debug)
    {
        if (debug)
        {
            e.printStackTrace(err);
        }
        final int status;
        final String message;
        if (e instanceof TrainingDivergedException)
        {
            status = ExitCode.FAILED;
            message = e.getMessage();
        }
        else if (e instanceof FileSystemException f)
        {
            status = ExitCode.USAGE;
            message = f.getReason() != null ? f.getMessage()
                : "cannot read " + f.getFile() + " (" + e.getClass().getSimpleName() + ")";
        }
        else if (e instanceof UsageException || e instanceof IOException
            || e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException
            || e instanceof BackendUnavailableException)
        {
            status = ExitCode.USAGE;
            message = e.getMessage();
        }
        else
        {
            status = ExitCode.FAILED;
            message = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + (debug ? "" : " (run with --debug for the stack trace)");
        }
        err.println("error: " + message);
        err.flush();
        return status;
    }

    private static boolean hasDebug(final String[] args)
    {
        return Arrays.asList(args).contains("--debug");
    }

    /** Silences java.util.logging, or sends it to standard error in one-line records. */
    private static void configureLogging(final boolean verbose)
    {
        LogManager.getLogManager().reset();
        final Logger root = Logger.getLogger("");
        if (!verbose)
        {
            root.setLevel(Level.OFF);
            return;
        }
        final ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new Formatter()
        {
            @Override
            public String format(final LogRecord record)
            {
                return record.getLevel().getName().toLowerCase() + ": " + formatMessage(record)
                    + System.lineSeparator();
            }
        });
        root.addHandler(handler);
        root.setLevel(Level.INFO);
    }

    /** Reads the version from the jar manifest, when there is one. */
    static final class Version implements IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"descent " + (v != null ? v : "(development build)")};
        }
    }
}
