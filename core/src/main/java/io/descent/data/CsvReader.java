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
 * <p>The first non-blank record names the columns, each name once; every later non-blank
 * record is one example with exactly as many cells as the header. The target is the last column
 * unless a column is named. Cells are plain decimal numbers ({@code 12}, {@code -0.5},
 * {@code 1e-3}). Quoting follows RFC 4180: a cell wrapped in double quotes may hold commas, line
 * breaks and doubled quotes ({@code ""} for one {@code "}); a quote elsewhere in a cell is an
 * error. Spaces around a cell, quoted or not, are ignored; blank lines are skipped; a byte order
 * mark and CRLF line ends are accepted.
 *
 * <p>Limits: every cell must be numeric: there is no encoding of categorical columns.
 *
 * <p>Every problem is a {@link DataFormatException} naming the source and the line (the first
 * line of a record that spans several): an empty source, a header with no data rows, a repeated
 * column name, a named target that is not in the header, a row with a different number of cells
 * than the header, a quote left open or misplaced, a cell that is not a number, or one that is
 * not finite.
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
        final Records records = new Records(
            in instanceof BufferedReader b ? b : new BufferedReader(in), source);
        List<String> cells = records.next();
        if (cells == null)
        {
            throw new DataFormatException(source, 0, "file is empty: expected a header row of "
                + "column names");
        }

        final int headerLine = records.line();
        final List<String> header = header(cells, source, headerLine);
        final int targetCol = targetColumn(header, target, source, headerLine);
        final int width = header.size();
        final List<String> names = new ArrayList<>(header);
        names.remove(targetCol);

        final GrowableDoubles features = new GrowableDoubles();
        final GrowableDoubles targets = new GrowableDoubles();
        final List<Integer> rowLines = new ArrayList<>();
        while ((cells = records.next()) != null)
        {
            final int lineNo = records.line();
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
            final int first = cells.indexOf(name);
            if (first < c)
            {
                throw new DataFormatException(source, line, "column names must be unique: '"
                    + name + "' at columns " + (first + 1) + " and " + (c + 1));
            }
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

    /**
     * Splits the text into records of cells by RFC 4180, skipping blank lines and remembering
     * the line each record starts on.
     */
    private static final class Records
    {
        private final BufferedReader lines;
        private final String source;
        private int lineNo;
        private int recordLine;
        private String text;
        private int pos;

        Records(final BufferedReader lines, final String source)
        {
            this.lines = lines;
            this.source = source;
        }

        /** @return the 1-based line the last record returned by {@link #next()} starts on. */
        int line()
        {
            return recordLine;
        }

        /** @return the cells of the next non-blank record, or null at the end. */
        List<String> next() throws IOException
        {
            do
            {
                text = lines.readLine();
                lineNo++;
            }
            while (text != null && text.isBlank());
            if (text == null)
            {
                return null;
            }
            if (recordLine == 0)
            {
                text = stripBom(text);
            }
            recordLine = lineNo;
            pos = 0;

            final List<String> cells = new ArrayList<>();
            while (true)
            {
                cells.add(cell(cells.size() + 1));
                if (pos >= text.length())
                {
                    return cells;
                }
                pos++;
            }
        }

        /** Reads one cell from {@code pos} up to the comma that ends it, or the record's end. */
        private String cell(final int number) throws IOException
        {
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == '"')
            {
                final String quoted = quoted(number);
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) != ',')
                {
                    throw new DataFormatException(source, recordLine, "cell " + number
                        + " has text after its closing quote: '" + rest() + "'");
                }
                return quoted.strip();
            }
            final int comma = text.indexOf(',', pos);
            final int end = comma < 0 ? text.length() : comma;
            final String cell = text.substring(pos, end).strip();
            if (cell.indexOf('"') >= 0)
            {
                throw new DataFormatException(source, recordLine, "cell " + number
                    + " has a quote inside it: '" + cell + "'; quote the whole cell and double "
                    + "the quotes inside");
            }
            pos = end;
            return cell;
        }

        /** Reads a quoted cell from its opening quote past its closing one, across lines. */
        private String quoted(final int number) throws IOException
        {
            final StringBuilder cell = new StringBuilder();
            pos++;
            while (true)
            {
                final int quote = text.indexOf('"', pos);
                if (quote < 0)
                {
                    cell.append(text, pos, text.length()).append('\n');
                    text = lines.readLine();
                    lineNo++;
                    pos = 0;
                    if (text == null)
                    {
                        throw new DataFormatException(source, recordLine, "cell " + number
                            + " opens a quote that is never closed");
                    }
                    continue;
                }
                cell.append(text, pos, quote);
                if (quote + 1 < text.length() && text.charAt(quote + 1) == '"')
                {
                    cell.append('"');
                    pos = quote + 2;
                    continue;
                }
                pos = quote + 1;
                return cell.toString();
            }
        }

        private void skipSpaces()
        {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t'))
            {
                pos++;
            }
        }

        private String rest()
        {
            final int comma = text.indexOf(',', pos);
            return text.substring(pos, comma < 0 ? text.length() : comma).strip();
        }
    }

    private static String stripBom(final String line)
    {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
