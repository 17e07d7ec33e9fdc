package io.descent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
            + ":4: logistic model needs targets 0 or 1 (or -1 and +1) in column 'y', "
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

    @Test
    void logisticLabelsMustNotMixMinusOneAndZero() throws IOException
    {
        final CommandResult r = train("mixed.svm", "1 1:1\n0 1:2\n-1 1:3\n", "--model",
            "logistic");

        assertUsageError(r, "error: " + path("mixed.svm") + ":3: logistic model needs targets "
            + "0 or 1 (or -1 and +1) in column 'label', found -1.0 as well as 0.0 (line 2)");
    }

    @Test
    void valueTooLargeForF32IsAnInputError() throws IOException
    {
        final CommandResult r = train("huge.csv", "a,b,y\n1,2,3\n4,1e300,6\n",
            "--no-standardize");

        assertUsageError(r, "error: " + path("huge.csv") + ":3: column 'b' holds 1.0E300, too "
            + "large for f32 training, which squares values: magnitudes must be at most "
            + "1.845e+19 (try --precision f64)");
    }

    @Test
    void targetTooLargeForF64IsAnInputError() throws IOException
    {
        final CommandResult r = train("huge.csv", "a,y\n1,2\n4,-1e300\n", "--precision",
            "f64");

        assertUsageError(r, "error: " + path("huge.csv") + ":3: column 'y' holds -1.0E300, too "
            + "large for f64 training, which squares values: magnitudes must be at most "
            + "1.341e+154 (rescale the column)");
    }

    @Test
    void repeatedColumnName() throws IOException
    {
        final CommandResult r = train("dup.csv", "a,a,y\n1,2,3\n");

        assertUsageError(r, "error: " + path("dup.csv")
            + ":1: column names must be unique: 'a' at columns 1 and 2");
    }

    @Test
    void quotedCommaIsOneCell() throws IOException
    {
        final CommandResult r = train("comma.csv", "\"a,b\",y\n\"1,5\",2\n");

        assertUsageError(r, "error: " + path("comma.csv")
            + ":2: column 'a,b' is not a number: '1,5'");
    }

    @Test
    void libsvmIndexAboveTheLimitNamesTheLimit() throws IOException
    {
        final CommandResult r = train("wide.svm", "1 99999999999:1\n");

        assertUsageError(r, "error: " + path("wide.svm") + ":1: feature index must be at most "
            + "2147483639 (rows x features must fit in one Java array): 99999999999");
    }

    @Test
    void libsvmIndexTooLargeForTheHeap() throws IOException
    {
        assumeTrue(Runtime.getRuntime().maxMemory() < 16_000_000_000L,
            "this JVM's heap could hold the 16 GB matrix");
        final CommandResult r = train("wide.svm", "1 2000000000:1\n");

        assertUsageError(r, "error: " + path("wide.svm") + ": holding 1 rows x 2000000000 "
            + "features densely needs 16000000000 bytes, more than the JVM's maximum heap of "
            + Runtime.getRuntime().maxMemory() + " bytes (raise it with -Xmx)");
    }

    @Test
    void libsvmWithoutFeatures() throws IOException
    {
        final CommandResult r = train("labels.svm", "1\n0\n");

        assertUsageError(r, "error: " + path("labels.svm")
            + ": no line has a feature: expected at least one index:value after a label");
    }
}
