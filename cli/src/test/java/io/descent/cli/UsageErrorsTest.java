package io.descent.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mistakes on the command line: one {@code error:} line, exit 2, a stack trace only with --debug.
 */
class UsageErrorsTest
{
    private static void assertUsageError(final CommandResult r, final String expectedLine)
    {
        assertEquals(ExitCode.USAGE, r.status(), r::toString);
        assertEquals(expectedLine, r.errorLine(), r::toString);
        assertEquals("", r.out(), r::toString);
    }

    @Test
    void unknownOption()
    {
        assertUsageError(CommandResult.run("train", "--speed", "3"),
            "error: Unknown options: '--speed', '3' (see 'descent train --help')");
    }

    @Test
    void unknownModelNamesTheChoices()
    {
        assertUsageError(CommandResult.run("train", "--model", "tree"),
            "error: Invalid value for option '--model': model must be linear or logistic: tree "
                + "(see 'descent train --help')");
    }

    @Test
    void nonNumericOptionValue()
    {
        assertUsageError(CommandResult.run("train", "--lr", "fast"),
            "error: Invalid value for option '--lr': 'fast' is not a double (see 'descent train "
                + "--help')");
    }

    @Test
    void negativeLearningRateNamesTheValue()
    {
        final CommandResult r = CommandResult.run("train", "--lr", "-0.1");

        assertEquals(ExitCode.USAGE, r.status(), r::toString);
        assertTrue(r.errorLine().startsWith("error: learning rate must be"), r::toString);
        assertTrue(r.errorLine().contains("lr=-0.1"), r::toString);
    }

    @Test
    void nesterovNeedsMomentum()
    {
        assertUsageError(CommandResult.run("train", "--optimizer", "nesterov", "--momentum", "0"),
            "error: Nesterov requires momentum > 0: momentum=0.0");
    }

    @Test
    void zeroEpochs()
    {
        assertUsageError(CommandResult.run("train", "--epochs", "0"),
            "error: epochs must be >= 1: epochs=0");
    }

    @Test
    void embeddedDataIsCsvOnly()
    {
        assertUsageError(CommandResult.run("train", "--format", "libsvm"),
            "error: embedded data set 'diabetes' is csv, not libsvm");
    }

    @Test
    void unknownBackend()
    {
        final CommandResult r = CommandResult.run("train", "--backend", "abacus");

        assertEquals(ExitCode.USAGE, r.status(), r::toString);
        assertTrue(r.errorLine().startsWith("error: unknown backend 'abacus'; known backends: ["),
            r::toString);
    }

    @Test
    void missingSubcommand()
    {
        assertUsageError(CommandResult.run(), "error: a subcommand is required: train, backends, "
            + "verify "
            + "(see 'descent --help')");
    }

    @Test
    void debugPrintsTheStackTrace()
    {
        final CommandResult r = CommandResult.run("train", "--epochs", "0", "--debug");

        assertEquals(ExitCode.USAGE, r.status(), r::toString);
        assertTrue(r.err().contains("\tat io.descent."), r::toString);
        assertTrue(r.err().strip().endsWith("error: epochs must be >= 1: epochs=0"), r::toString);
    }

    @Test
    void divergenceFailsTheJobWithExitOne()
    {
        final CommandResult r = CommandResult.run("train", "--backend", "java", "--lr", "50");

        assertEquals(ExitCode.FAILED, r.status(), r::toString);
        assertTrue(r.errorLine().startsWith("error: training diverged at epoch "), r::toString);
        assertTrue(r.errorLine().endsWith("try a smaller learning rate than lr=50.0"), r::toString);
        assertEquals("", r.out(), "no model is reported after divergence");
        assertFalse(r.err().contains("\tat "), r::toString);
    }
}
