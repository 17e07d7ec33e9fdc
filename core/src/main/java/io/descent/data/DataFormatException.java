package io.descent.data;

import java.io.IOException;

/**
 * A data file that cannot be read as the format it claims to be: the message names the source
 * (a file path or an embedded data set) and, where there is one, the line, e.g.
 * {@code data.csv:7: expected 11 cells as in the header, found 10}.
 */
public final class DataFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    /**
     * @param source the file or data set name.
     * @param line   1-based line number, or 0 when the problem concerns the whole source.
     * @param detail what is wrong, stating the constraint and the offending value.
     */
    public DataFormatException(final String source, final int line, final String detail)
    {
        super(line > 0 ? source + ":" + line + ": " + detail : source + ": " + detail);
        this.source = source;
        this.line = line;
    }

    /** @return the file or data set name. */
    public String source()
    {
        return source;
    }

    /** @return the 1-based line number, or 0 when the problem concerns the whole source. */
    public int line()
    {
        return line;
    }
}
