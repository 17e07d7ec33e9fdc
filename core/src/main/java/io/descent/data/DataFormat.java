package io.descent.data;

import java.util.Locale;

/** The text formats the readers understand. */
public enum DataFormat
{
    /** Comma-separated values with a header row, see {@link CsvReader}. */
    CSV,
    /** {@code label index:value ...} lines, see {@link LibsvmReader}. */
    LIBSVM;

    /**
     * Parses {@code csv} or {@code libsvm}, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values otherwise.
     */
    public static DataFormat parse(final String text)
    {
        for (final DataFormat f : values())
        {
            if (f.name().equalsIgnoreCase(text.strip()))
            {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be csv or libsvm: " + text);
    }

    /**
     * @return LIBSVM for names ending {@code .libsvm}, {@code .svm} or {@code .svmlight}, else CSV.
     */
    public static DataFormat guess(final String fileName)
    {
        final String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".libsvm") || name.endsWith(".svm") || name.endsWith(".svmlight")
            ? LIBSVM : CSV;
    }

    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
