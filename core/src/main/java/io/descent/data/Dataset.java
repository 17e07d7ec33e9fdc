package io.descent.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A dense table of examples held on the host: an {@code m x n} row-major feature matrix, one
 * target per row, the column names and, for error messages, the source line of every row.
 * Immutable: the accessors return copies.
 */
public final class Dataset
{
    private static final String EMBEDDED = "embedded data set ";
    private static final String FILE = "file ";

    private final String source;
    private final List<String> featureNames;
    private final String targetName;
    private final double[] features;
    private final double[] targets;
    private final int[] lines;
    /** How {@link #describeSource()} introduces the source: empty, FILE or EMBEDDED. */
    private final String origin;

    /**
     * @param source       file path or embedded name, for messages.
     * @param featureNames n column names.
     * @param targetName   the target column's name.
     * @param features     row-major {@code m x n} values, not copied.
     * @param targets      m values, not copied.
     * @param lines        the 1-based source line of each row, not copied.
     */
    Dataset(
        final String source, final List<String> featureNames, final String targetName,
        final double[] features, final double[] targets, final int[] lines)
    {
        this(source, featureNames, targetName, features, targets, lines, "");
    }

    private Dataset(
        final String source, final List<String> featureNames, final String targetName,
        final double[] features, final double[] targets, final int[] lines,
        final String origin)
    {
        this.source = Objects.requireNonNull(source, "source");
        this.featureNames = List.copyOf(featureNames);
        this.targetName = Objects.requireNonNull(targetName, "targetName");
        final int n = this.featureNames.size();
        if (targets.length != lines.length || (long)targets.length * n != features.length)
        {
            throw new IllegalArgumentException("data set shape must be consistent: rows="
                + targets.length
                + ", cols=" + n + ", values=" + features.length + ", lines=" + lines.length);
        }
        this.features = features;
        this.targets = targets;
        this.lines = lines;
        this.origin = origin;
    }

    /** @return this data marked as one of the embedded sets, sharing the arrays. */
    Dataset asEmbedded()
    {
        return new Dataset(source, featureNames, targetName, features, targets, lines,
            EMBEDDED);
    }

    /** @return this data marked as read from the file its source names, sharing the arrays. */
    Dataset asFile()
    {
        return new Dataset(source, featureNames, targetName, features, targets, lines, FILE);
    }

    /**
     * Builds a data set from host arrays, e.g. for programmatic use.
     *
     * @param features row-major {@code targets.length x featureNames.size()} values; copied.
     * @param targets  one value per row; copied.
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite.
     */
    public static Dataset of(
        final String source, final List<String> featureNames, final String targetName,
        final double[] features, final double[] targets)
    {
        for (int i = 0; i < features.length; i++)
        {
            if (!Double.isFinite(features[i]))
            {
                throw new IllegalArgumentException("feature values must be finite: index=" + i
                    + ", value=" + features[i]);
            }
        }
        for (int i = 0; i < targets.length; i++)
        {
            if (!Double.isFinite(targets[i]))
            {
                throw new IllegalArgumentException("targets must be finite: row=" + i + ", value="
                    + targets[i]);
            }
        }
        final int[] lines = new int[targets.length];
        Arrays.setAll(lines, i -> i + 1);
        return new Dataset(source, featureNames, targetName, features.clone(), targets.clone(),
            lines);
    }

    /** @return the file path or embedded name this data came from. */
    public String source()
    {
        return source;
    }

    /** @return whether this is a data set embedded in the library rather than a file. */
    public boolean embedded()
    {
        return origin.equals(EMBEDDED);
    }

    /**
     * @return {@code embedded data set diabetes}, {@code file data/my.csv}, or the bare source
     *     for data built with {@link #of}: a file may bear an embedded set's name, and wins.
     */
    public String describeSource()
    {
        return origin + source;
    }

    /** @return m, the number of examples. */
    public int rows()
    {
        return targets.length;
    }

    /** @return n, the number of features. */
    public int cols()
    {
        return featureNames.size();
    }

    public List<String> featureNames()
    {
        return featureNames;
    }

    public String targetName()
    {
        return targetName;
    }

    /** @return a copy of the row-major features. */
    public double[] features()
    {
        return features.clone();
    }

    /** @return a copy of the targets. */
    public double[] targets()
    {
        return targets.clone();
    }

    /** @return feature {@code col} of row {@code row}. */
    public double feature(final int row, final int col)
    {
        return features[row * featureNames.size() + col];
    }

    /** @return the target of row {@code row}. */
    public double target(final int row)
    {
        return targets[row];
    }

    /** @return the 1-based line in the source that row {@code row} was read from. */
    public int line(final int row)
    {
        return lines[row];
    }

    @Override
    public String toString()
    {
        final String features = cols() == 1 ? " feature" : " features";
        return describeSource() + " (" + rows() + " rows, " + cols() + features + ", target '"
            + targetName + "')";
    }
}
