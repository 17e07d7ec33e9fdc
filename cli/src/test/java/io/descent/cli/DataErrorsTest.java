package io.descent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every malformed input ends in one {@code error:} line naming the file and line, and exit 2. */
class DataErrorsTest
{
    @TempDir
    Path dir;

    private CommandResult train(final String name, final String content,
        final String... extra) throws IOException
    {
        final Path file = Files.writeString(dir.resolve(name), content);
        final String[] args = new String[extra.length + 3];
        args[0] = "train";
        args[1] = "--data";
        args[2] = file.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CommandResult.run(args);
    }

    private void assertUsageError(final CommandResult r, final String expectedLine)
    {
        assertEquals(ExitCode.USAGE, r.status(), r::toString);
        assertEquals(expectedLine, r.errorLine(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug:\n" + r.err());
    }

    private String path(final String name)
    {
        return dir.resolve(name).toString();
    }

    @Test
    void raggedRow() throws IOException
    {
        final CommandResult r = train("ragged.csv", "a,b,y\n1,2,3\n4,5\n");

        assertUsageError(r, "error: " + path("ragged.csv")
            + ":3: expected 3 cells as in the header, found 2");
    }

    @Test
    void nonNumericCell() throws IOException
    {
        final CommandResult r = train("text.csv", "a,b,y\n1,2,3\n4,five,6\n");

        assertUsageError(r, "error: " + path("text.csv")
            + ":3: column 'b' is not a number: 'five'");
    }

    @Test
    void emptyFile() throws IOException
    {
        final CommandResult r = train("empty.csv", "");

        assertUsageError(r, "error: " + path("empty.csv")
            + ": file is empty: expected a header row of column names");
    }

    @Test
    void headerWithNoRows() throws IOException
    {
        final CommandResult r = train("header.csv", "a,b,y\n");

        assertUsageError(r, "error: " + path("header.csv")
            + ":1: header has no data rows after it");
    }

    @Test
    void missingTargetColumn() throws IOException
    {
        final CommandResult r = train("target.csv", "a,b,y\n1,2,3\n", "--target", "price");

        assertUsageError(r, "error: " + path("target.csv")
            + ":1: no target column named 'price'; columns are: a, b, y");
    }

    @Test
    void nonFiniteValue() throws IOException
    {
        final CommandResult r = train("nan.csv", "a,b,y\n1,2,3\n4,NaN,6\n");

        assertUsageError(r, "error: " + path("nan.csv")
            + ":3: column 'b' must be a finite number: 'NaN'");
    }

    @Test
    void malformedLibsvm() throws IOException
    {
        final CommandResult r = train("bad.svm", "1 1:0.5 2:1\n0 0:1\n");

        assertUsageError(r, "error: " + path("bad.svm")
            + ":2: feature index must be >= 1 (indices are 1-based): 0");
    }

    @Test
    void libsvmFormatForcedOnACsvFile() throws IOException
    {
        final CommandResult r = train("data.csv", "a,y\n1,2\n", "--format", "libsvm");

        assertUsageError(r, "error: " + path("data.csv") + ":1: label is not a number: 'a,y'");
    }

    @Test
    void targetNamedForLibsvm() throws IOException
    {
        final CommandResult r = train("named.libsvm", "1 1:2\n", "--target", "y");

        assertUsageError(r, "error: a target column can be named for csv data only; libsvm labels "
            + "come first on "
            + "each line: target=y");
    }

    @Test
    void logisticTargetsMustBeZeroOrOne() throws IOException
    {
        final CommandResult r = train("labels.csv", "a,y\n1,0\n2,1\n3,2\n", "--model", "logistic");

        assertUsageError(r, "error: " + path("labels.csv")
            + ":4: logistic model needs targets 0 or 1 in column 'y', "
            + "found 2.0");
    }

    @Test
    void missingFile()
    {
        final CommandResult r = CommandResult.run("train", "--data", path("absent.csv"));

        assertUsageError(r, "error: " + path("absent.csv")
            + ": no such file, and not an embedded data set (embedded: diabetes, breast_cancer)");
    }

    @Test
    void directoryInsteadOfFile()
    {
        final CommandResult r = CommandResult.run("train", "--data", dir.toString());

        assertUsageError(r, "error: " + dir + ": not a regular file");
    }
}
