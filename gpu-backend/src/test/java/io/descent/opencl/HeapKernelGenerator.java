package io.descent.opencl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code HeapKernelF64.java} from {@code HeapKernelF32.java}. Aparapi translates bytecode,
 * and the bytecode of a {@code float} kernel differs from that of a {@code double} one, so the two
 * precisions need two classes; this keeps the second a function of the first. Run from the
 * repository root, with nothing but a JDK:
 * <pre>
 * java gpu-backend/src/test/java/io/descent/opencl/HeapKernelGenerator.java
 * </pre>
 * {@link HeapKernelGeneratorTest} fails when the committed file differs from the output.
 *
 * <p>The rules, applied to all of {@code HeapKernelF32.java} except its class Javadoc:
 * <ol>
 * <li>The words {@code float} and {@code Float} become {@code double} and {@code Double};
 *     {@code F32} and {@code f32} at the end of a word become {@code F64} and {@code f64}
 *     ({@code HeapKernelF32}, {@code Precision.F32}). Words that merely contain {@code float}
 *     ({@code floatToIntBits}) are not rewritten: the generator refuses them instead.</li>
 * <li>A decimal literal with a fraction and an {@code f} suffix ({@code 1.0f}, {@code 2.5e-3f})
 *     loses the suffix. Any other float literal ({@code 1f}, {@code .5f}, {@code 1e3f}) is
 *     refused, since it would stay {@code float} in the F64 kernel.</li>
 * <li>A {@code (float)} cast of a name the F32 source declares {@code double} (the parameters of
 *     {@code setScalars}) is dropped: in F64 it would cast a {@code double} to {@code double},
 *     which {@code -Xlint:cast} reports. Aparapi never sees these casts (they are in host-side
 *     methods); every other {@code (float)} cast becomes {@code (double)}, which keeps its
 *     meaning, for example on an {@code int}.</li>
 * <li>The class Javadoc of the F32 source is replaced by {@link #F64_JAVADOC}, and the header
 *     {@link #HEADER} goes on top.</li>
 * </ol>
 */
public final class HeapKernelGenerator
{
    /** The kernel folder, relative to the gpu-backend module. */
    static final Path KERNEL_DIR = Path.of("src", "main", "java", "io", "descent", "opencl");

    static final String SOURCE = "HeapKernelF32.java";

    static final String TARGET = "HeapKernelF64.java";

    static final String COMMAND =
        "java gpu-backend/src/test/java/io/descent/opencl/HeapKernelGenerator.java";

    static final String HEADER = "// Generated from " + SOURCE + " by\n"
        + "// " + COMMAND + "; do not edit.\n"
        + "// (Run it from the repository root; HeapKernelGeneratorTest fails when this is stale.)"
        + "\n";

    static final String F64_JAVADOC = String.join("\n",
        "/**",
        " * Every F64 kernel of the OpenCL backend: {@link HeapKernelF32} with {@code double} in"
            + " place of",
        " * {@code float}, generated from it (Aparapi translates bytecode, so one generic source"
            + " cannot",
        " * serve both). Compiling it needs a device with {@code cl_khr_fp64}; the engine"
            + " compiles it up",
        " * front and refuses F64 with the compiler's reason where that fails.",
        " */",
        "");

    private static final Pattern CLASS_LINE = Pattern.compile("(?m)^final class HeapKernelF32\\b");

    private static final Pattern DOUBLE_NAME = Pattern.compile("\\bdouble\\s+(\\w+)");

    private static final Pattern FRACTION_LITERAL =
        Pattern.compile("(?<![\\w.])(\\d+\\.\\d+(?:[eE][-+]?\\d+)?)[fF]\\b");

    /** Float literals left after the rules: a digit run, maybe a fraction or exponent, then f. */
    private static final Pattern OTHER_FLOAT_LITERAL =
        Pattern.compile("(?<![\\w.])(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?[fF]\\b");

    private static final Pattern LEFT_OVER = Pattern.compile("(?i)float|f32");

    private HeapKernelGenerator()
    {
    }

    /**
     * Writes the F64 kernel.
     *
     * @param args the gpu-backend module folder; {@code gpu-backend} when absent
     * @throws IOException when the source cannot be read or the target written
     */
    public static void main(final String[] args) throws IOException
    {
        final Path dir = Path.of(args.length > 0 ? args[0] : "gpu-backend").resolve(KERNEL_DIR);

        final String source = Files.readString(dir.resolve(SOURCE), StandardCharsets.UTF_8);
        final String generated = generate(source);

        Files.writeString(dir.resolve(TARGET), generated, StandardCharsets.UTF_8);
        System.out.println("wrote " + dir.resolve(TARGET));
    }

    /**
     * The F64 kernel for an F32 kernel source.
     *
     * @param f32 the text of {@code HeapKernelF32.java}; not modified
     * @return the text of {@code HeapKernelF64.java}
     * @throws IllegalArgumentException when the source has no class Javadoc, or holds text the
     *     rules cannot translate (a float literal without a fraction, a word containing float)
     */
    static String generate(final String f32)
    {
        final Matcher classLine = CLASS_LINE.matcher(f32);
        if (!classLine.find())
        {
            throw new IllegalArgumentException("no line 'final class HeapKernelF32' in " + SOURCE);
        }
        final int javadocEnd = classLine.start();
        final int javadocStart = f32.lastIndexOf("/**", javadocEnd);
        if (javadocStart < 0 || !f32.substring(javadocStart, javadocEnd).endsWith(" */\n"))
        {
            throw new IllegalArgumentException(
                "no class Javadoc just above the class in " + SOURCE);
        }

        final Set<String> doubleNames = doubleNames(f32);
        final String before = translate(f32.substring(0, javadocStart), doubleNames);
        final String after = translate(f32.substring(javadocEnd), doubleNames);

        return HEADER + before + F64_JAVADOC + after;
    }

    private static String translate(final String text, final Set<String> doubleNames)
    {
        String out = text;
        for (final String name : doubleNames)
        {
            out = out.replaceAll("\\(float\\)" + name + "\\b(?![\\[.(])", name);
        }
        out = out.replaceAll("\\bfloat\\b", "double")
            .replaceAll("\\bFloat\\b", "Double")
            .replaceAll("F32\\b", "F64")
            .replaceAll("f32\\b", "f64");
        out = FRACTION_LITERAL.matcher(out).replaceAll("$1");

        refuse(OTHER_FLOAT_LITERAL, out, "a float literal the rules leave float; write it as 1.0f");
        refuse(LEFT_OVER, out, "text containing float or f32 that the word rules do not rewrite");
        return out;
    }

    private static Set<String> doubleNames(final String f32)
    {
        final Set<String> names = new LinkedHashSet<>();
        final Matcher m = DOUBLE_NAME.matcher(f32);
        while (m.find())
        {
            names.add(m.group(1));
        }
        return names;
    }

    private static void refuse(final Pattern pattern, final String text, final String what)
    {
        final Matcher m = pattern.matcher(text);
        if (m.find())
        {
            final int lineStart = text.lastIndexOf('\n', m.start()) + 1;
            final int lineEnd = text.indexOf('\n', m.start());
            final String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
            throw new IllegalArgumentException(
                SOURCE + " holds " + what + ": '" + m.group() + "' in: " + line.strip());
        }
    }
}
