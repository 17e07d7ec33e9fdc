package io.descent.backend;

import io.descent.memory.IndexVector;

import java.util.Objects;

/**
 * Which rows of a data matrix a gradient covers: all of them, a contiguous range, or the rows
 * named by a range {@code [from, to)} of an {@link IndexVector} (a mini-batch). No rows are
 * copied out of the matrix in any case.
 */
public final class Rows
{
    /** How the rows are chosen. */
    public enum Kind
    {
        ALL, RANGE, INDICES
    }

    private static final Rows ALL = new Rows(Kind.ALL, 0, 0, null);

    private final Kind kind;
    private final int from;
    private final int to;
    private final IndexVector indices;

    private Rows(final Kind kind, final int from, final int to, final IndexVector indices)
    {
        this.kind = kind;
        this.from = from;
        this.to = to;
        this.indices = indices;
    }

    public static Rows all()
    {
        return ALL;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive); {@code 0 <= from <= to}. */
    public static Rows range(final int from, final int to)
    {
        if (from < 0 || to < from)
        {
            throw new IllegalArgumentException(
                "row range must satisfy 0 <= from <= to: from=" + from + ", to=" + to);
        }
        return new Rows(Kind.RANGE, from, to, null);
    }

    /** The rows whose indices are elements {@code [from, to)} of {@code indices}. */
    public static Rows indices(final IndexVector indices, final int from, final int to)
    {
        Objects.requireNonNull(indices, "indices");
        if (from < 0 || to < from || to > indices.length())
        {
            throw new IllegalArgumentException("index range must satisfy 0 <= from <= to <= "
                + indices.length() + ": from=" + from + ", to=" + to);
        }
        return new Rows(Kind.INDICES, from, to, indices);
    }

    /** Every index in {@code indices}. */
    public static Rows indices(final IndexVector indices)
    {
        return indices(indices, 0, indices.length());
    }

    public Kind kind()
    {
        return kind;
    }

    /** @return first row (RANGE) or first position in the index vector (INDICES); 0 for ALL. */
    public int from()
    {
        return from;
    }

    /** @return end (exclusive) of the range or of the index positions; unused for ALL. */
    public int to()
    {
        return to;
    }

    /** @return the index vector, or null unless {@link Kind#INDICES}. */
    public IndexVector indexVector()
    {
        return indices;
    }

    /** @return number of rows selected out of a matrix with {@code totalRows} rows. */
    public int count(final int totalRows)
    {
        return kind == Kind.ALL ? totalRows : to - from;
    }

    /** @return the first selected row's position: 0 for ALL, else {@link #from()}. */
    public int start()
    {
        return kind == Kind.ALL ? 0 : from;
    }

    @Override
    public String toString()
    {
        return switch (kind)
        {
            case ALL -> "all rows";
            case RANGE -> "rows [" + from + ", " + to + ")";
            case INDICES -> "indexed rows [" + from + ", " + to + ")";
        };
    }
}
