package io.descent.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LibsvmReaderTest
{
    private static Dataset read(final String text) throws IOException
    {
        return LibsvmReader.read(new StringReader(text), "t.svm");
    }

    private static String failure(final String text)
    {
        return assertThrows(DataFormatException.class, () -> read(text)).getMessage();
    }

    @Test
    void sparseLinesAreReadDenselyWithOneBasedIndices() throws IOException
    {
        final Dataset d = read("1 1:0.5 3:2\n# a comment line\n\n0 2:-1   # trailing "
            + "comment\n+1\n");

        assertEquals(List.of("f1", "f2", "f3"), d.featureNames());
        assertEquals("label", d.targetName());
        assertArrayEquals(new double[] {0.5, 0, 2, 0, -1, 0, 0, 0, 0}, d.features());
        assertArrayEquals(new double[] {1, 0, 1}, d.targets());
        assertEquals(4, d.line(1));
        assertEquals(5, d.line(2));
    }

    @Test
    void emptyFileIsRejected()
    {
        assertEquals("t.svm: file is empty: expected lines of 'label index:value ...'",
            failure("# only\n\n"));
    }

    @Test
    void malformedTokensNameTheLine()
    {
        assertEquals("t.svm:2: expected index:value, found '3'", failure("1 1:2\n0 3\n"));
        assertEquals("t.svm:1: expected index:value, found '2:'", failure("1 2:\n"));
        assertEquals("t.svm:1: feature index must be an integer >= 1: 'a'", failure("1 a:2\n"));
        assertEquals("t.svm:1: feature index must be >= 1 (indices are 1-based): 0",
            failure("1 0:2\n"));
        assertEquals("t.svm:1: feature indices must increase along a line: 2 after 3",
            failure("1 3:1 2:1\n"));
    }

    @Test
    void nonNumericAndNonFiniteValuesAreRejected()
    {
        assertEquals("t.svm:1: label is not a number: 'yes'", failure("yes 1:2\n"));
        assertEquals("t.svm:1: value of feature 2 is not a number: 'x'", failure("1 2:x\n"));
        assertEquals("t.svm:1: value of feature 1 must be a finite number: 'nan'",
            failure("1 1:nan\n"));
    }

    @Test
    void indexAboveTheDenseLimitNamesTheLimit()
    {
        assertEquals("t.svm:1: feature index must be at most 2147483639 (rows x features must "
            + "fit in one Java array): 2147483640", failure("1 2147483640:1\n"));
        assertEquals("t.svm:1: feature index must be at most 2147483639 (rows x features must "
            + "fit in one Java array): 20000000000000", failure("1 20000000000000:1\n"));
    }

    @Test
    void leadingZerosDoNotMakeAnIndexLarge() throws IOException
    {
        assertArrayEquals(new double[] {0, 7}, read("1 0000000000002:7\n").features());
    }

    @Test
    void labelsWithoutFeaturesAreRejected()
    {
        assertEquals("t.svm: no line has a feature: expected at least one index:value after a "
            + "label", failure("1\n0 # no features\n"));
    }

    @Test
    void denseMatrixLargerThanTheHeapIsRejectedBeforeAllocation()
    {
        final String message = assertThrows(DataFormatException.class,
            () -> LibsvmReader.read(new StringReader("1 2000:1\n0 1:1\n"), "t.svm", 31_999))
            .getMessage();

        assertEquals("t.svm: holding 2 rows x 2000 features densely needs 32000 bytes, more "
            + "than the JVM's maximum heap of 31999 bytes (raise it with -Xmx)", message);
    }
}
