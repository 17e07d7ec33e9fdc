package io.descent.opencl;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HeapKernelF64.java is HeapKernelGenerator's output for HeapKernelF32.java, by its rules. */
class HeapKernelGeneratorTest
{
    /** The kernel folder, relative to the module (the working directory of Surefire). */
    private static final Path KERNELS = HeapKernelGenerator.KERNEL_DIR;

    @Test
    void committedF64KernelIsTheGeneratorsOutput() throws Exception
    {
        final String f32 = Files.readString(KERNELS.resolve(HeapKernelGenerator.SOURCE), UTF_8);
        final String f64 = Files.readString(KERNELS.resolve(HeapKernelGenerator.TARGET), UTF_8);

        assertEquals(HeapKernelGenerator.generate(f32), f64, HeapKernelGenerator.TARGET
            + " is stale: from the repository root run " + HeapKernelGenerator.COMMAND);
    }

    @Test
    void headerNamesSourceAndCommand()
    {
        final String f64 = HeapKernelGenerator.generate(kernel("x = 1.0f;"));

        assertTrue(f64.startsWith("// Generated from HeapKernelF32.java by\n// "
            + HeapKernelGenerator.COMMAND + "; do not edit.\n"), f64);
        assertTrue(f64.contains(HeapKernelGenerator.F64_JAVADOC + "final class HeapKernelF64"));
    }

    @Test
    void literalsLoseTheirSuffixAndTypesBecomeDouble()
    {
        final String f64 = HeapKernelGenerator.generate(
            kernel("float[] a = new float[Float.BYTES]; float x = 0.5f * 2.5e-3f + 1.0F;"));

        assertTrue(f64.contains("double[] a = new double[Double.BYTES];"
            + " double x = 0.5 * 2.5e-3 + 1.0;"), f64);
    }

    @Test
    void castOfADoubleIsDroppedAndOtherCastsKept()
    {
        final String f64 = HeapKernelGenerator.generate(
            kernel("void set(final double s) { this.s = (float)s; y = (float)count / 2; }"));

        assertTrue(f64.contains("this.s = s; y = (double)count / 2;"), f64);
    }

    @Test
    void refusesAFloatLiteralWithoutAFraction()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> HeapKernelGenerator.generate(kernel("float x = 1f;")));

        assertEquals("HeapKernelF32.java holds a float literal the rules leave float;"
            + " write it as 1.0f: '1f' in: double x = 1f;", e.getMessage());
    }

    @Test
    void refusesAWordThatOnlyContainsFloat()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> HeapKernelGenerator.generate(kernel("int b = Float.floatToIntBits(x);")));

        assertTrue(e.getMessage().contains("'float' in: int b = Double.floatToIntBits(x);"),
            e.getMessage());
    }

    @Test
    void refusesASourceWithoutClassJavadoc()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> HeapKernelGenerator.generate("package p;\n\nfinal class HeapKernelF32\n{\n}\n"));

        assertEquals("no class Javadoc just above the class in HeapKernelF32.java",
            e.getMessage());
    }

    private static String kernel(final String body)
    {
        return "package p;\n\n/**\n * F32, float, anything.\n */\nfinal class HeapKernelF32\n{\n"
            + "    " + body + "\n}\n";
    }
}
