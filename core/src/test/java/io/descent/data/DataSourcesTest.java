package io.descent.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSourcesTest
{
    @Test
    void defaultIsTheEmbeddedDiabetesData() throws IOException
    {
        final Dataset d = DataSources.load(null, null, null);

        assertEquals("diabetes", d.source());
        assertEquals(442, d.rows());
        assertEquals(10, d.cols());
        assertEquals("progression", d.targetName());
        assertEquals(151.0, d.target(0));
        assertEquals(59.0, d.feature(0, 0));
    }

    @Test
    void embeddedBreastCancerIsBinary() throws IOException
    {
        final Dataset d = DataSources.load("breast_cancer.csv", DataFormat.CSV, null);

        assertEquals(569, d.rows());
        assertEquals(30, d.cols());
        assertEquals("benign", d.targetName());
        for (final double y : d.targets())
        {
            assertTrue(y == 0.0 || y == 1.0, "target " + y);
        }
    }

    @Test
    void aFileWinsAndItsFormatIsGuessedFromTheName(@TempDir final Path dir) throws IOException
    {
        final Path svm = Files.writeString(dir.resolve("d.svm"), "1 2:3\n");
        final Path csv = Files.writeString(dir.resolve("d.txt"), "a,y\n1,2\n");

        assertArrayEquals(new double[] {0, 3}, DataSources.load(svm.toString(), null,
            null).features());
        assertArrayEquals(new double[] {2}, DataSources.load(csv.toString(), null, null).targets());
        assertArrayEquals(new double[] {0, 3},
            DataSources.load(Files.copy(svm, dir.resolve("d2")).toString(), DataFormat.LIBSVM,
                null).features());
    }

    @Test
    void unknownNameListsTheEmbeddedSets()
    {
        final NoSuchFileException e =
            assertThrows(NoSuchFileException.class, () -> DataSources.load("nope.csv", null, null));

        assertEquals("nope.csv: no such file, and not an embedded data set (embedded: diabetes, "
            + "breast_cancer)",
            e.getMessage());
    }

    @Test
    void targetCannotBeNamedForLibsvm(@TempDir final Path dir) throws IOException
    {
        final Path svm = Files.writeString(dir.resolve("d.libsvm"), "1 2:3\n");

        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> DataSources.load(svm.toString(), null, "y"));

        assertTrue(e.getMessage().startsWith("a target column can be named for csv data only"),
            e.getMessage());
    }

    @Test
    void descriptionTellsAnEmbeddedSetFromAFileOfTheSameName(@TempDir final Path dir)
        throws IOException
    {
        final Path file = Files.writeString(dir.resolve("diabetes"), "a,y\n1,2\n");

        final Dataset embedded = DataSources.load("diabetes", null, null);
        final Dataset local = DataSources.load(file.toString(), null, null);

        assertTrue(embedded.embedded());
        assertEquals("embedded data set diabetes (442 rows, 10 features, target 'progression')",
            embedded.toString());
        assertFalse(local.embedded());
        assertEquals("file " + file + " (1 rows, 1 feature, target 'y')", local.toString());
    }
}
