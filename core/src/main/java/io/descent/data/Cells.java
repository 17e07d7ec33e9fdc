package io.descent.data;

import java.util.Locale;
import java.util.regex.Pattern;

/** Number parsing shared by the readers, strict enough that a typo is reported, not guessed. */
final class Cells
{
    /** A plain decimal number: what a spreadsheet or numpy writes; no hex, no type suffix. */
    private static final Pattern DECIMAL = Pattern.compile(
        "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Cells()
    {
    }

    /**
     * Parses one cell.
     *
     * @param what names the cell in a message, e.g. {@code column 'bmi'}.
     * @throws DataFormatException for an empty cell, text that is not a number, or a number
     *     that is not finite (NaN, infinity, or a decimal too large for a double).
     */
    static double parse(final String text, final String what, final String source, final int line)
        throws DataFormatException
    {
        final String cell = text.strip();
        if (cell.isEmpty())
        {
            throw new DataFormatException(source, line, what + " is empty");
        }
        if (!DECIMAL.matcher(cell).matches())
        {
            if (isNonFiniteWord(cell))
            {
                throw new DataFormatException(source, line, what + " must be a finite number: '"
                    + cell + "'");
            }
            throw new DataFormatException(source, line, what + " is not a number: '" + cell + "'");
        }
        final double value = Double.parseDouble(cell);
        if (!Double.isFinite(value))
        {
            throw new DataFormatException(source, line, what + " must be a finite number: '" + cell
                + "'");
        }
        return value;
    }

    private static boolean isNonFiniteWord(final String cell)
    {
        final String word = cell.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
        return word.equals("nan") || word.equals("inf") || word.equals("infinity");
    }
}
