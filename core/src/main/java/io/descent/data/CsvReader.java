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
 * Reads comma-separated values with a header row into a {@link Dataset}.
 *
 * <p>The first non-blank line names the columns; every later non-blank line is one example with
 * exactly as many cells as the header. The target is the last column unless a column is named.
 * Cells are plain decimal numbers ({@code 12}, {@code -0.5}, {@code 1e-3}); surrounding spaces
 * and one pair of double quotes around a cell are ignored. Blank lines are skipped, a byte order
 * mark and CRLF line ends are accepted.
 *
 * <p>Limits: a comma inside quotes is not supported (the cell would be split), and every cell
 * must be numeric: there is no encoding of categorical columns.
 *
 * <p>Every problem is a {@link DataFormatException} naming the source and the line: an empty
 * source, a header with no data rows, a named target that is not in the header, a row with a
 * different number of cells than the header, a cell that is not a number, or one that is not
 * finite.
 */
public final class CsvReader
{
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    private CsvReader()
    {
    }

    /**
     * Reads a file.
     *
     * @param target the target column's name, or null for the last column.
     */
    public static Dataset read(final Path file, final String target) throws IOException
    {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return read(in, file.toString(), target);
        }
    }

    /**
     * Reads from {@code in}, which is not closed.
     *
     * @param source names the data in messages, e.g. a file path.
     * @param target the target column's name, or null for the last column.
     */
    public static Dataset read(final Reader in, final String source,
        final String target) throws IOException
    {
        final BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        int lineNo = 0;
        String text;
        do
        {
            text = lines.readLine();
            lineNo++;
        }
        while (text != null && text.isBlank());
        if (text == null)
        {
            throw new DataFormatException(source, 0, "file is empty: expected a header row of "
                + "column names");
        }

        final int headerLine = lineNo;
        final List<String> header = header(split(stripBom(text)), source, headerLine);
        final int targetCol = targetColumn(header, target, source, headerLine);
        final int width = header.size();
        final List<String> names = new ArrayList<>(header);
        names.remove(targetCol);

        final GrowableDoubles features = new GrowableDoubles();
        final GrowableDoubles targets = new GrowableDoubles();
        final List<Integer> rowLines = new ArrayList<>();
        while ((text = lines.readLine()) != null)
        {
            lineNo++;
            if (text.isBlank())
            {
                continue;
            }
            final List<String> cells = split(text);
            if (cells.size() != width)
            {
                throw new DataFormatException(source, lineNo,
                    "expected " + width + " cells as in the header, found " + cells.size());
            }
            if ((long)features.size() + width > MAX_VALUES)
            {
                throw new DataFormatException(source, lineNo,
                    "too many values to hold in memory: more than "
                    + MAX_VALUES);
            }
            for (int c = 0; c < width; c++)
            {
                final double value = Cells.parse(cells.get(c), "column '" + header.get(c)
                    + "'", source, lineNo);
                if (c == targetCol)
                {
                    targets.add(value);
                }
                else
                {
                    features.add(value);
                }
            }
            rowLines.add(lineNo);
        }

        if (targets.size() == 0)
        {
            throw new DataFormatException(source, headerLine, "header has no data rows after it");
        }
        final int[] lineArray = rowLines.stream().mapToInt(Integer::intValue).toArray();
        return new Dataset(source, names, header.get(targetCol), features.toArray(),
            targets.toArray(), lineArray);
    }

    private static List<String> header(
        final List<String> cells, final String source, final int line) throws DataFormatException
    {
        if (cells.size() < 2)
        {
            throw new DataFormatException(source, line,
                "header must name at least one feature and a target: found "
                + cells.size() + " column");
        }
        boolean allNumbers = true;
        for (int c = 0; c < cells.size(); c++)
        {
            final String name = cells.get(c);
            if (name.isEmpty())
            {
                throw new DataFormatException(source, line, "header cell " + (c + 1)
                    + " is empty: every column needs a name");
            }
            allNumbers &= name.matches("[+-]?[\\d.]+([eE][+-]?\\d+)?");
        }
        if (allNumbers)
        {
            throw new DataFormatException(source, line,
                "first line must be a header of column names, found only numbers: "
                    + String.join(",", cells));
        }
        return cells;
    }

    private static int targetColumn(
        final List<String> header, final String target, final String source, final int line)
        throws DataFormatException
    {
        if (target == null)
        {
            return header.size() - 1;
        }
        final int col = header.indexOf(target.strip());
        if (col < 0)
        {
            throw new DataFormatException(source, line, "no target column named '" + target
                + "'; columns are: " + String.join(", ", header));
        }
        return col;
    }

    private static List<String> split(final String line)
    {
        final List<String> cells = new ArrayList<>();
        int start = 0;
        while (true)
        {
            final int comma = line.indexOf(',', start);
            final int end = comma < 0 ? line.length() : comma;
            final String cell = line.substring(start, end).strip();
            cells.add(unquote(cell));
            if (comma < 0)
            {
                return cells;
            }
            start = comma + 1;
        }
    }

    private static String unquote(final String cell)
    {
        if (cell.length() >= 2 && cell.charAt(0) == '"' && cell.charAt(cell.length() - 1) == '"')
        {
            return cell.substring(1, cell.length() - 1).strip();
        }
        return cell;
    }

    private static String stripBom(final String line)
    {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
