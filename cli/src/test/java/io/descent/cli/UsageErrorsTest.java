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
            + "verify, bench (see 'descent --help')");
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
        // The epoch, and whether the loss first reads inf or NaN, follow the kernel's rounding;
        // the rest of the line is fixed.
        final String line = r.errorLine();
        assertTrue(line.matches("error: training diverged at epoch \\d+ of 500: the loss is "
            + "(NaN|Infinity) \\(lr=50\\.0, momentum=0\\.9\\); try a smaller learning rate or "
            + "a smaller momentum"), line);
        assertEquals("", r.out(), "no model is reported after divergence");
        assertFalse(r.err().contains("\tat "), r::toString);
    }

    @Test
    void nonFiniteLearningRateWordsGetTheConstraintMessage()
    {
        assertUsageError(CommandResult.run("train", "--lr", "nan"),
            "error: learning rate must be finite and > 0: lr=NaN");
        assertUsageError(CommandResult.run("train", "--lr", "NaN"),
            "error: learning rate must be finite and > 0: lr=NaN");
        assertUsageError(CommandResult.run("train", "--lr", "inf"),
            "error: learning rate must be finite and > 0: lr=Infinity");
        assertUsageError(CommandResult.run("train", "--lr", "-Infinity"),
            "error: learning rate must be finite and > 0: lr=-Infinity");
    }

    @Test
    void zeroLearningRateIsRefused()
    {
        assertUsageError(CommandResult.run("train", "--lr", "0"),
            "error: learning rate must be finite and > 0: lr=0.0");
    }

    @Test
    void learningRateThatUnderflowsToZeroIsRefused()
    {
        assertUsageError(CommandResult.run("train", "--lr", "1e-400"),
            "error: Invalid value for option '--lr': '1e-400' is too small for a double: it "
                + "rounds to 0 (the smallest is 4.9E-324) (see 'descent train --help')");
    }

    @Test
    void hexLearningRateIsAccepted()
    {
        final CommandResult r = CommandResult.run("train", "--backend", "java", "--lr", "0x1p-3",
            "--epochs", "1");

        assertEquals(ExitCode.OK, r.status(), r::toString);
        assertTrue(r.out().contains("momentum (lr=0.125, momentum=0.9)"), r::toString);
    }

    @Test
    void momentumOfOneOrMoreIsRefused()
    {
        assertUsageError(CommandResult.run("train", "--momentum", "1.5"),
            "error: momentum must be in [0, 1): momentum=1.5");
        assertUsageError(CommandResult.run("train", "--optimizer", "ema", "--momentum", "1"),
            "error: EMA beta must be in [0, 1): beta=1.0");
    }

    @Test
    void dampeningAboveOneIsRefused()
    {
        assertUsageError(CommandResult.run("train", "--dampening", "2"),
            "error: dampening must be in [0, 1]: dampening=2.0");
    }

    @Test
    void sgdRefusesMomentumAsItRefusesDampening()
    {
        assertUsageError(CommandResult.run("train", "--optimizer", "sgd", "--momentum", "0.5"),
            "error: momentum applies to the momentum, nesterov, ema and velocity optimisers "
                + "only: optimizer=sgd, momentum=0.5");
        assertUsageError(CommandResult.run("train", "--optimizer", "sgd", "--dampening", "0.5"),
            "error: dampening applies to the momentum optimiser only: optimizer=sgd, "
                + "dampening=0.5");
    }

    @Test
    void batchLargerThanTheDataIsRefused()
    {
        assertUsageError(CommandResult.run("train", "--backend", "java", "--batch-size",
            "1000000"),
            "error: batch size must be at most the number of rows (0 for the full batch): "
                + "batchSize=1000000, rows=442");
    }

    @Test
    void weightDecayThatDivergesIsNamedInTheHint()
    {
        final CommandResult r = CommandResult.run("train", "--backend", "java",
            "--weight-decay", "1e308");

        assertEquals(ExitCode.FAILED, r.status(), r::toString);
        assertEquals("error: training diverged at epoch 1 of 500: the loss is NaN (lr=0.1, "
            + "momentum=0.9, weight decay=1.0E308); try a smaller weight decay (lr x weight "
            + "decay = 1.0000000000000001E307; above 2 the decay alone makes every step "
            + "overshoot), a smaller learning rate or a smaller momentum", r.errorLine());
    }

    @Test
    void unknownBackendFromThePropertySaysWhereTheNameCameFrom()
    {
        System.setProperty("descent.backend", "nonsense");
        try
        {
            final CommandResult r = CommandResult.run("train");

            assertEquals(ExitCode.USAGE, r.status(), r::toString);
            assertTrue(r.errorLine().startsWith("error: unknown backend 'nonsense'; known "
                + "backends: ["), r::toString);
            assertTrue(r.errorLine().endsWith("] (the name comes from -Ddescent.backend; "
                + "--backend overrides it)"), r::toString);
        }
        finally
        {
            System.clearProperty("descent.backend");
        }
    }
}
