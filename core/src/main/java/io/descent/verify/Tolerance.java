package io.descent.verify;

import io.descent.memory.Precision;

/**
 * The agreement every backend must reach with {@link Reference}, stated once for all of them.
 *
 * <p>Each reference value comes with a magnitude bound A: the same formula evaluated on the
 * absolute values of every operand (so cancellation cannot hide rounding). A backend value v
 * agrees with the reference value r when |v - r| ≤ factor·ε·A + floor, with ε the precision's
 * machine epsilon:
 * <ul>
 * <li>element-wise updates: factor {@value #UPDATE_FACTOR} (a handful of roundings, FMA
 *     contraction on a GPU included);</li>
 * <li>reductions, losses and gradients: factor {@value #REDUCTION_FACTOR} times the number of
 *     terms summed (n·ε for a sum of n terms, whatever the order);</li>
 * <li>floor: the smallest normal number of the precision, because devices may flush subnormal
 *     results to zero (OpenCL allows it for F32);</li>
 * <li>non-finite reference values must be matched exactly: NaN by NaN, ±∞ by the same ∞.</li>
 * </ul>
 * Training trajectories (hundreds of steps, errors compounding) agree within a relative
 * {@link #trajectory(Precision)} of the final loss.
 */
public final class Tolerance
{
    /** Multiples of ε·A allowed for an element-wise update. */
    public static final double UPDATE_FACTOR = 8.0;

    /** Multiples of n·ε·A allowed for a sum of n terms. */
    public static final double REDUCTION_FACTOR = 2.0;

    /**
     * Relative difference allowed between final losses of two backends after a training run, F32.
     */
    public static final double TRAJECTORY_F32 = 1e-3;

    /**
     * Relative difference allowed between final losses of two backends after a training run, F64.
     */
    public static final double TRAJECTORY_F64 = 1e-9;

    private Tolerance()
    {
    }

    /** @return the absolute floor for {@code precision}: its smallest normal number. */
    public static double floor(final Precision precision)
    {
        return precision == Precision.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    }

    /** @return the allowed error of an element-wise update with magnitude bound {@code a}. */
    public static double update(final Precision precision, final double a)
    {
        return UPDATE_FACTOR * precision.epsilon() * a + floor(precision);
    }

    /** @return the allowed error of a sum of {@code terms} terms with magnitude bound {@code a}. */
    public static double reduction(final Precision precision, final long terms, final double a)
    {
        return REDUCTION_FACTOR * Math.max(1, terms) * precision.epsilon() * a + floor(precision);
    }

    /** @return the relative tolerance between two training runs' final losses. */
    public static double trajectory(final Precision precision)
    {
        return precision == Precision.F32 ? TRAJECTORY_F32 : TRAJECTORY_F64;
    }

    /**
     * @return whether {@code actual} agrees with {@code expected} within {@code allowed}, with
     *     non-finite expectations matched exactly.
     */
    public static boolean agrees(final double actual, final double expected, final double allowed)
    {
        if (Double.isNaN(expected))
        {
            return Double.isNaN(actual);
        }
        if (Double.isInfinite(expected))
        {
            return actual == expected;
        }
        return Math.abs(actual - expected) <= allowed;
    }
}
