package io.descent.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command in this process and keeps its exit status and both output streams. */
record CommandResult(int status, String out, String err)
{
    static CommandResult run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8))
        {
            status = Main.run(args, o, e);
        }
        return new CommandResult(status, out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8));
    }

    /** @return the single line written to standard error, without its line end. */
    String errorLine()
    {
        final String[] lines = err.strip().split("\\R");
        if (lines.length != 1)
        {
            throw new AssertionError("expected one line on stderr, found " + lines.length + ":\n"
                + err);
        }
        return lines[0];
    }

    @Override
    public String toString()
    {
        return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
