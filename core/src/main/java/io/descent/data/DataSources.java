package io.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens a data set by name: a file on disk, or one of the data sets embedded in this library.
 *
 * <p>The embedded sets are {@code diabetes} (442 rows, 10 features, regression target
 * {@code progression}) and {@code breast_cancer} (569 rows, 30 features, binary target
 * {@code benign}), copied from the scikit-learn distribution; {@code README.md} beside them in
 * {@code io/descent/data/} gives their provenance and licence.
 */
public final class DataSources
{
    /** The data set used when none is named. */
    public static final String DEFAULT = "diabetes";

    /** The names of the embedded data sets. */
    public static final List<String> EMBEDDED = List.of("diabetes", "breast_cancer");

    private DataSources()
    {
    }

    /**
     * Loads {@code spec}: an existing file if there is one by that name, else an embedded data
     * set ({@code diabetes} or {@code diabetes.csv}). A file's format is {@code format}, or when
     * null guessed from its name ({@link DataFormat#guess}); embedded sets are CSV.
     *
     * @param spec   a path or an embedded name; null for {@link #DEFAULT}.
     * @param target the CSV target column, or null for the last one; must be null for LIBSVM.
     * @throws NoSuchFileException      naming the embedded sets when {@code spec} is neither.
     * @throws DataFormatException      when the content is malformed.
     * @throws IllegalArgumentException when a target is named for LIBSVM data.
     */
    public static Dataset load(final String spec, final DataFormat format, final String target)
        throws IOException
    {
        final String name = spec == null ? DEFAULT : spec;
        final Path file = Path.of(name);
        if (Files.isRegularFile(file))
        {
            final DataFormat actual = format != null ? format : DataFormat.guess(name);
            return read(file, actual, target).asFile();
        }
        if (Files.exists(file))
        {
            throw new DataFormatException(name, 0, "not a regular file");
        }

        final String embedded = embeddedName(name);
        if (embedded == null)
        {
            throw new NoSuchFileException(name, null, "no such file, and not an embedded data set "
                + "(embedded: "
                + String.join(", ", EMBEDDED) + ")");
        }
        if (format == DataFormat.LIBSVM)
        {
            throw new IllegalArgumentException("embedded data set '" + embedded
                + "' is csv, not libsvm");
        }
        return embedded(embedded, target);
    }

    /** Loads an embedded data set by its exact name. */
    public static Dataset embedded(final String name, final String target) throws IOException
    {
        if (!EMBEDDED.contains(name))
        {
            throw new IllegalArgumentException("no embedded data set named '" + name
                + "'; embedded: " + EMBEDDED);
        }
        final InputStream stream = DataSources.class.getResourceAsStream(name + ".csv");
        if (stream == null)
        {
            throw new IllegalStateException("embedded data set missing from the class path: "
                + name + ".csv");
        }
        try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8))
        {
            return CsvReader.read(in, name, target).asEmbedded();
        }
    }

    private static Dataset read(final Path file, final DataFormat format, final String target)
        throws IOException
    {
        if (format == DataFormat.LIBSVM)
        {
            if (target != null)
            {
                throw new IllegalArgumentException(
                    "a target column can be named for csv data only; libsvm labels come first on "
                        + "each line: target="
                        + target);
            }
            return LibsvmReader.read(file);
        }
        return CsvReader.read(file, target);
    }

    private static String embeddedName(final String spec)
    {
        final String lower = spec.toLowerCase(Locale.ROOT);
        final String base = lower.endsWith(".csv") ? lower.substring(0, lower.length() - 4) : lower;
        return EMBEDDED.contains(base) ? base : null;
    }
}
