package io.descent.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvReaderTest
{
    private static Dataset read(final String text, final String target) throws IOException
    {
        return CsvReader.read(new StringReader(text), "t.csv", target);
    }

    private static String failure(final String text, final String target)
    {
        return assertThrows(DataFormatException.class, () -> read(text, target)).getMessage();
    }

    @Test
    void lastColumnIsTheTargetByDefault() throws IOException
    {
        final Dataset d = read("a,b,y\n1,2,3\n4,5,6\n", null);

        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals("y", d.targetName());
        assertArrayEquals(new double[] {1, 2, 4, 5}, d.features());
        assertArrayEquals(new double[] {3, 6}, d.targets());
        assertEquals(2, d.line(0));
        assertEquals(3, d.line(1));
    }

    @Test
    void namedTargetIsTakenOutOfTheFeatures() throws IOException
    {
        final Dataset d = read("a,y,b\n1,2,3\n", "y");

        assertEquals(List.of("a", "b"), d.featureNames());
        assertArrayEquals(new double[] {1, 3}, d.features());
        assertArrayEquals(new double[] {2}, d.targets());
    }

    @Test
    void acceptsQuotesSpacesBlankLinesCrlfAndByteOrderMark() throws IOException
    {
        final Dataset d = read("\uFEFF\"a\", \"y\"\r\n\r\n 1.5e1 , -.5\r\n\n+2,\"3\"\r\n", null);

        assertEquals(List.of("a"), d.featureNames());
        assertArrayEquals(new double[] {15, 2}, d.features());
        assertArrayEquals(new double[] {-0.5, 3}, d.targets());
        assertEquals(5, d.line(1));
    }

    @Test
    void emptyFileIsRejected()
    {
        assertEquals("t.csv: file is empty: expected a header row of column names", failure("",
            null));
        assertEquals("t.csv: file is empty: expected a header row of column names",
            failure("\n  \n", null));
    }

    @Test
    void headerWithoutRowsIsRejected()
    {
        assertEquals("t.csv:1: header has no data rows after it", failure("a,b\n\n", null));
    }

    @Test
    void raggedRowNamesItsLine()
    {
        assertEquals("t.csv:3: expected 3 cells as in the header, found 2",
            failure("a,b,y\n1,2,3\n4,5\n", null));
        assertEquals("t.csv:2: expected 3 cells as in the header, found 4",
            failure("a,b,y\n1,2,3,4\n", null));
    }

    @Test
    void nonNumericCellNamesLineAndColumn()
    {
        assertEquals("t.csv:3: column 'b' is not a number: 'abc'",
            failure("a,b,y\n1,2,3\n4,abc,6\n", null));
        assertEquals("t.csv:2: column 'a' is not a number: '0x10'", failure("a,y\n0x10,1\n", null));
        assertEquals("t.csv:2: column 'y' is empty", failure("a,y\n1,\n", null));
    }

    @Test
    void nonFiniteValueIsRejected()
    {
        assertEquals("t.csv:2: column 'a' must be a finite number: 'NaN'", failure("a,y\nNaN,1\n",
            null));
        assertEquals("t.csv:2: column 'y' must be a finite number: '-inf'",
            failure("a,y\n1,-inf\n", null));
        assertEquals("t.csv:2: column 'a' must be a finite number: '1e999'",
            failure("a,y\n1e999,1\n", null));
    }

    @Test
    void missingTargetColumnListsTheColumns()
    {
        assertEquals("t.csv:1: no target column named 'z'; columns are: a, b, y",
            failure("a,b,y\n1,2,3\n", "z"));
    }

    @Test
    void numericFirstLineIsNotTakenForAHeader()
    {
        assertEquals("t.csv:1: first line must be a header of column names, found only numbers: "
            + "1,2,3",
            failure("1,2,3\n4,5,6\n", null));
    }

    @Test
    void headerNeedsAFeatureAndATarget()
    {
        assertEquals("t.csv:1: header must name at least one feature and a target: found 1 column",
            failure("y\n1\n", null));
        assertEquals("t.csv:1: header cell 2 is empty: every column needs a name",
            failure("a,,y\n1,2,3\n", null));
    }

    @Test
    void repeatedColumnNameIsRejected()
    {
        assertEquals("t.csv:1: column names must be unique: 'a' at columns 1 and 3",
            failure("a,b,a,y\n1,2,3,4\n", null));
    }

    @Test
    void quotedCellsHoldCommasDoubledQuotesAndLineBreaks() throws IOException
    {
        final Dataset d = read("\"size, m2\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
            + "\"1\", 2 ,3\n\"4\",\"5\",\"6\"\n", "two\nlines");

        assertEquals(List.of("size, m2", "say \"hi\""), d.featureNames());
        assertEquals("two\nlines", d.targetName());
        assertArrayEquals(new double[] {1, 2, 4, 5}, d.features());
        assertArrayEquals(new double[] {3, 6}, d.targets());
        assertEquals(3, d.line(0), "a record's line is the line it starts on");
    }

    @Test
    void quotedCommaInANumberIsNotANumber()
    {
        assertEquals("t.csv:2: column 'a' is not a number: '1,5'",
            failure("a,y\n\"1,5\",2\n", null));
    }

    @Test
    void quoteLeftOpenIsRejected()
    {
        assertEquals("t.csv:2: cell 2 opens a quote that is never closed",
            failure("a,y\n1,\"2\n3,4\n", null));
    }

    @Test
    void quoteInsideAnUnquotedCellIsRejected()
    {
        assertEquals("t.csv:1: cell 1 has a quote inside it: 'a\"b'; quote the whole cell and "
            + "double the quotes inside", failure("a\"b,y\n1,2\n", null));
    }

    @Test
    void textAfterAClosingQuoteIsRejected()
    {
        assertEquals("t.csv:2: cell 1 has text after its closing quote: '5'",
            failure("a,y\n\"1\"5,2\n", null));
    }
}
