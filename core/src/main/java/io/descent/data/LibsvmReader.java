package io.descent.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the LIBSVM sparse text format into a dense {@link Dataset}.
 *
 * <p>Each non-blank line is {@code label index:value index:value ...} with 1-based, strictly
 * increasing feature indices; a {@code #} starts a comment that runs to the end of the line.
 * Features a line leaves out are 0. The number of features is the largest index in the file;
 * they are named {@code f1 ... fn} and the target {@code label}.
 *
 * <p>The whole matrix is held densely, so the file must fit: rows × largest index at most
 * {@code Integer.MAX_VALUE - 8} values (so no index above that), and their 8 bytes each within
 * the JVM's maximum heap. Problems are {@link DataFormatException}s naming the source and line:
 * an empty source, a file with labels but no feature, a token that is not {@code index:value},
 * an index below 1, above the limit or out of order, a label or value that is not a finite
 * number.
 */
public final class LibsvmReader
{
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private LibsvmReader()
    {
    }

    /** Reads a file. */
    public static Dataset read(final Path file) throws IOException
    {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return read(in, file.toString());
        }
    }

    /** Reads from {@code in}, which is not closed; {@code source} names it in messages. */
    public static Dataset read(final Reader in, final String source) throws IOException
    {
        return read(in, source, Runtime.getRuntime().maxMemory());
    }

    /** As {@link #read(Reader, String)}, refusing a dense matrix above {@code heapBytes}. */
    static Dataset read(final Reader in, final String source, final long heapBytes)
        throws IOException
    {
        final BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        final GrowableDoubles labels = new GrowableDoubles();
        final List<int[]> indices = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();
        final List<Integer> rowLines = new ArrayList<>();
        int maxIndex = 0;
        int lineNo = 0;
        String text;
        while ((text = lines.readLine()) != null)
        {
            lineNo++;
            final int hash = text.indexOf('#');
            final String body = (hash >= 0 ? text.substring(0, hash) : text).strip();
            if (body.isEmpty())
            {
                continue;
            }
            final String[] tokens = body.split("\\s+");
            labels.add(Cells.parse(tokens[0], "label", source, lineNo));
            final int[] idx = new int[tokens.length - 1];
            final double[] val = new double[tokens.length - 1];
            for (int t = 1; t < tokens.length; t++)
            {
                idx[t - 1] = index(tokens[t], t == 1 ? 0 : idx[t - 2], source, lineNo);
                val[t - 1] = Cells.parse(tokens[t].substring(tokens[t].indexOf(':') + 1),
                    "value of feature " + idx[t - 1], source, lineNo);
            }
            maxIndex = idx.length > 0 ? Math.max(maxIndex, idx[idx.length - 1]) : maxIndex;
            if ((long)maxIndex * (rowLines.size() + 1) > MAX_VALUES)
            {
                throw new DataFormatException(source, lineNo, "too many values to hold densely: "
                    + (rowLines.size() + 1) + " rows x " + maxIndex + " features exceeds "
                        + MAX_VALUES);
            }
            indices.add(idx);
            values.add(val);
            rowLines.add(lineNo);
        }

        if (rowLines.isEmpty())
        {
            throw new DataFormatException(source, 0, "file is empty: expected lines of 'label "
                + "index:value ...'");
        }
        if (maxIndex == 0)
        {
            throw new DataFormatException(source, 0, "no line has a feature: expected at least "
                + "one index:value after a label");
        }
        final long denseBytes = (long)maxIndex * rowLines.size() * Double.BYTES;
        if (denseBytes > heapBytes)
        {
            throw new DataFormatException(source, 0, "holding " + rowLines.size() + " rows x "
                + maxIndex + " features densely needs " + denseBytes
                + " bytes, more than the JVM's maximum heap of " + heapBytes
                + " bytes (raise it with -Xmx)");
        }
        return densify(source, maxIndex, labels.toArray(), indices, values, rowLines);
    }

    private static int index(final String token, final int previous, final String source,
        final int line)
        throws DataFormatException
    {
        final int colon = token.indexOf(':');
        if (colon <= 0 || colon == token.length() - 1)
        {
            throw new DataFormatException(source, line, "expected index:value, found '" + token
                + "'");
        }
        final String text = token.substring(0, colon);
        if (!text.matches("\\d+"))
        {
            throw new DataFormatException(source, line, "feature index must be an integer >= 1: '"
                + text + "'");
        }
        final String digits = text.replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > MAX_VALUES)
        {
            throw new DataFormatException(source, line, "feature index must be at most "
                + MAX_VALUES + " (rows x features must fit in one Java array): " + text);
        }
        final int index = Integer.parseInt(digits);
        if (index < 1)
        {
            throw new DataFormatException(source, line,
                "feature index must be >= 1 (indices are 1-based): "
                + index);
        }
        if (index <= previous)
        {
            throw new DataFormatException(source, line,
                "feature indices must increase along a line: " + index
                + " after " + previous);
        }
        return index;
    }

    private static Dataset densify(
        final String source, final int cols, final double[] labels, final List<int[]> indices,
        final List<double[]> values, final List<Integer> rowLines)
    {
        final int rows = labels.length;
        final double[] features = new double[rows * cols];
        for (int r = 0; r < rows; r++)
        {
            final int[] idx = indices.get(r);
            final double[] val = values.get(r);
            for (int k = 0; k < idx.length; k++)
            {
                features[r * cols + idx[k] - 1] = val[k];
            }
        }
        final List<String> names = new ArrayList<>(cols);
        for (int j = 1; j <= cols; j++)
        {
            names.add("f" + j);
        }
        final int[] lines = rowLines.stream().mapToInt(Integer::intValue).toArray();
        return new Dataset(source, names, "label", features, labels, lines);
    }
}
