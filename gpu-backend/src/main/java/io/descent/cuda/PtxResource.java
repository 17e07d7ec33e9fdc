package io.descent.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PTX module shipped as a class-path resource next to its CUDA source, with the header that
 * {@code gpu-backend/src/main/cuda/build-ptx.sh} writes: {@code // key: value} lines naming the
 * source, the SHA-256 of the source, the command, the toolkit and the oldest driver that loads
 * the PTX ({@code driver-min}, in the {@code cuDriverGetVersion} encoding 1000·major +
 * 10·minor).
 *
 * @param name         resource base name, e.g. {@code descent_kernels}.
 * @param ptx          the PTX text, header included (PTX accepts {@code //} comments).
 * @param source       the CUDA source text shipped beside it, for run-time compilation.
 * @param header       the header fields in file order.
 */
public record PtxResource(String name, String ptx, String source, Map<String, String> header)
{
    /** Resource folder of the kernels, relative to the class-path root. */
    public static final String FOLDER = "io/descent/cuda/";

    /** @return the resource {@code FOLDER + name + ".ptx"} and its {@code .cu}. */
    public static PtxResource load(final String name)
    {
        final String ptx = read(FOLDER + name + ".ptx");
        final String source = read(FOLDER + name + ".cu");
        return new PtxResource(name, ptx, source, parseHeader(ptx));
    }

    /** @return the {@code // key: value} lines at the top of {@code ptx}, up to any other line. */
    public static Map<String, String> parseHeader(final String ptx)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        for (final String line : ptx.split("\n"))
        {
            if (!line.startsWith("// "))
            {
                break;
            }
            final int colon = line.indexOf(": ");
            if (colon > 3)
            {
                fields.put(line.substring(3, colon), line.substring(colon + 2).trim());
            }
        }
        return fields;
    }

    /** @return a header field; throws naming the fields present if it is missing. */
    public String field(final String key)
    {
        final String value = header.get(key);
        if (value == null)
        {
            throw new IllegalStateException("PTX resource " + name + " has no '" + key
                + "' header line; found " + header.keySet() + "; regenerate with build-ptx.sh");
        }
        return value;
    }

    /** @return the oldest driver version that loads this PTX, 1000·major + 10·minor. */
    public int driverMin()
    {
        return Integer.parseInt(field("driver-min"));
    }

    /** @return the PTX as the NUL-terminated bytes {@code cuModuleLoadData} expects. */
    public byte[] image()
    {
        final byte[] text = ptx.getBytes(StandardCharsets.US_ASCII);
        final byte[] image = new byte[text.length + 1];
        System.arraycopy(text, 0, image, 0, text.length);
        return image;
    }

    /** @return {@code 13.0} for 13000: the CUDA version a driver version stands for. */
    public static String cudaVersion(final int driverVersion)
    {
        return driverVersion / 1000 + "." + driverVersion % 1000 / 10;
    }

    private static String read(final String path)
    {
        try (InputStream in = PtxResource.class.getClassLoader().getResourceAsStream(path))
        {
            if (in == null)
            {
                throw new IllegalStateException("resource missing from the class path: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }
}
