package io.descent.conformance;

import io.descent.memory.Precision;
import io.descent.verify.Tolerance;

import static org.junit.jupiter.api.Assertions.fail;

/** Assertions that a backend's values agree with the reference within {@link Tolerance}. */
public final class Agreement
{
    private Agreement()
    {
    }

    /** Element-wise update results: |a - e| ≤ {@link Tolerance#update}(p, bound). */
    public static void elementwise(
        final String what,
        final Precision p,
        final double[] actual,
        final double[] expected,
        final double[] bound)
    {
        for (int i = 0; i < expected.length; i++)
        {
            final double allowed = Tolerance.update(p, bound[i]);
            if (!Tolerance.agrees(actual[i], expected[i], allowed))
            {
                fail(what + " [" + p + "] element " + i + " of " + expected.length
                    + ": expected " + expected[i] + " +/- " + allowed + ", was " + actual[i]);
            }
        }
    }

    /** A sum of {@code terms} terms: |a - e| ≤ {@link Tolerance#reduction}(p, terms, bound). */
    public static void reduction(
        final String what,
        final Precision p,
        final long terms,
        final double actual,
        final double expected,
        final double bound)
    {
        final double allowed = Tolerance.reduction(p, terms, bound);
        if (!Tolerance.agrees(actual, expected, allowed))
        {
            fail(what + " [" + p + "] over " + terms + " terms: expected " + expected
                + " +/- " + allowed + ", was " + actual);
        }
    }

    /** Every element of a reduced vector, e.g. a gradient. */
    public static void reduction(
        final String what,
        final Precision p,
        final long terms,
        final double[] actual,
        final double[] expected,
        final double[] bound)
    {
        for (int i = 0; i < expected.length; i++)
        {
            reduction(what + " element " + i, p, terms, actual[i], expected[i], bound[i]);
        }
    }
}
