package io.descent.bench.report;

import io.descent.bench.workload.GradientShape;
import io.descent.bench.workload.UpdateKernel;
import io.descent.memory.Precision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the suite's results (JMH JSON plus the NumPy peer's JSON) into Markdown tables: time
 * per operation with its 99.9% error, bytes moved per element, GB/s, and the kernel's bandwidth
 * as a percentage of the STREAM triad and copy measured in the same run at the same size and
 * precision. Then checks the targets and states each as met or missed, and by how much.
 *
 * <p>Usage: {@code ResultTable OUT.md RESULT.json [MORE.json ...]}.
 */
public final class ResultTable
{
    static final String UPDATE = "UpdateBench.step";
    static final String ND4J = "Nd4jUpdateBench.step";
    static final String NUMPY_UPDATE = "numpy.update";
    static final String DEVICE_COPY = "DeviceCopyBench.copy";
    static final String STREAM_COPY = "StreamBench.copy";
    static final String STREAM_TRIAD = "StreamBench.triad";
    static final String GRADIENT = "GradientBench.lossAndGradient";
    static final String NUMPY_GRADIENT = "numpy.gradient";

    private final List<Measured> results;

    public ResultTable(final List<Measured> results)
    {
        this.results = List.copyOf(results);
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length < 2)
        {
            System.err.println("usage: ResultTable OUT.md RESULT.json [MORE.json ...]");
            System.exit(2);
        }
        final List<Measured> all = new ArrayList<>();
        for (int i = 1; i < args.length; i++)
        {
            all.addAll(JmhJson.read(Path.of(args[i])));
        }
        Files.writeString(Path.of(args[0]), new ResultTable(all).markdown());
    }

    /** @return every section that has results, then the targets. */
    public String markdown()
    {
        final StringBuilder sb = new StringBuilder();
        stream(sb);
        updates(sb);
        deviceCopies(sb);
        gradients(sb);
        sb.append(new Targets(this).markdown());
        return sb.toString();
    }

    /**
     * @return the fastest STREAM triad (over thread counts) at this precision and size, in GB/s.
     */
    public Optional<Double> triadGBps(final Precision precision, final int log2Size)
    {
        return stream(STREAM_TRIAD, precision, log2Size, 3);
    }

    /** @return the fastest STREAM copy (over thread counts) at this precision and size, in GB/s. */
    public Optional<Double> arrayCopyGBps(final Precision precision, final int log2Size)
    {
        return stream(STREAM_COPY, precision, log2Size, 2);
    }

    /** @return the triad at the largest F32 size measured: the memory-bound figure. */
    public Optional<Double> largestTriadGBps()
    {
        return results.stream()
            .filter(r -> r.shortName().equals(STREAM_TRIAD) && "F32".equals(r.param("precision",
                "")))
            .map(r -> Integer.parseInt(r.param("log2Size", "0")))
            .max(Comparator.naturalOrder())
            .flatMap(k -> triadGBps(Precision.F32, k));
    }

    /** @return the first result named {@code shortName} whose parameters include all pairs. */
    public Optional<Measured> find(final String shortName, final String... pairs)
    {
        return results.stream().filter(r -> r.shortName().equals(shortName) && matches(r,
            pairs)).findFirst();
    }

    /**
     * @return the fastest result named {@code shortName} whose parameters include all pairs,
     *         e.g. a peer's best over its thread settings.
     */
    public Optional<Measured> fastest(final String shortName, final String... pairs)
    {
        return results.stream()
            .filter(r -> r.shortName().equals(shortName) && matches(r, pairs))
            .min(Comparator.comparingDouble(Measured::scoreUs));
    }

    /** @return bytes moved per element by an update-like result, by its implementation's kernel. */
    static int updateBytesPerElement(final Measured r)
    {
        final Precision p = Precision.parse(r.param("precision", "F32"));
        return switch (r.shortName())
        {
            case UPDATE -> UpdateKernel.parse(r.param("kernel", "")).bytesPerElement(p);
            case ND4J -> "sgd".equals(r.param("updater", ""))
                ? UpdateKernel.PLAIN.bytesPerElement(p)
                : UpdateKernel.VELOCITY_NESTEROV.bytesPerElement(p);
            default -> UpdateKernel.EMA.bytesPerElement(p);
        };
    }

    /** @return bytes a gradient result moved, see {@link GradientShape#bytesMoved}. */
    static long gradientBytes(final Measured r)
    {
        final GradientShape shape = GradientShape.parse(r.param("shape", "tall"));
        final String batch = r.param("batch", "full");
        final boolean full = "full".equals(batch);
        final int rows = full ? shape.rows() : Integer.parseInt(batch);
        return shape.bytesMoved(Precision.F32, rows, !full);
    }

    private Optional<Double> stream(final String name, final Precision p, final int log2Size,
        final int vectors)
    {
        final long bytes = (long)vectors * p.sizeBytes() << log2Size;
        return results.stream()
            .filter(r -> r.shortName().equals(name) && matches(r, "precision", p.name(),
                "log2Size", Integer.toString(log2Size)))
            .map(r -> r.gbps(bytes))
            .max(Comparator.naturalOrder());
    }

    private static boolean matches(final Measured r, final String... pairs)
    {
        for (int i = 0; i + 1 < pairs.length; i += 2)
        {
            if (!pairs[i + 1].equals(r.params().get(pairs[i])))
            {
                return false;
            }
        }
        return true;
    }

    private List<Measured> named(final String... names)
    {
        final List<String> wanted = List.of(names);
        return results.stream().filter(r -> wanted.contains(r.shortName())).toList();
    }

    private void stream(final StringBuilder sb)
    {
        final List<Measured> rows = named(STREAM_COPY, STREAM_TRIAD);
        if (rows.isEmpty())
        {
            return;
        }
        sb.append("### Memory-bandwidth baseline (Java arrays, STREAM copy and triad)\n\n");
        sb.append("| op | precision | size | threads | bytes/elem | time (us) | GB/s |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (final Measured r : sortedBySize(rows))
        {
            final Precision p = Precision.parse(r.param("precision", "F32"));
            final int k = Integer.parseInt(r.param("log2Size", "0"));
            final int perElement = (r.shortName().equals(STREAM_TRIAD) ? 3 : 2) * p.sizeBytes();
            sb.append(row(r.shortName().equals(STREAM_TRIAD) ? "triad" : "copy", p.name(), "2^" + k,
                r.param("threads", "1"), Integer.toString(perElement), time(r),
                    fixed(r.gbps((long)perElement << k))));
        }
        sb.append('\n');
    }

    private void updates(final StringBuilder sb)
    {
        final List<Measured> rows = named(UPDATE, ND4J, NUMPY_UPDATE);
        if (rows.isEmpty())
        {
            return;
        }
        sb.append("### Update kernels (data resident; % of the same-run triad and array copy)\n\n");
        sb.append("| implementation | kernel | precision | size | bytes/elem | time (us) | GB/s | % triad | % copy |\n");
        sb.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (final Measured r : sortedBySize(rows))
        {
            final Precision p = Precision.parse(r.param("precision", "F32"));
            final int k = Integer.parseInt(r.param("log2Size", "0"));
            final int perElement = updateBytesPerElement(r);
            final double gbps = r.gbps((long)perElement << k);
            sb.append(row(implementation(r), updateKernel(r), p.name(), "2^" + k,
                Integer.toString(perElement),
                time(r), fixed(gbps), percent(gbps, triadGBps(p, k)), percent(gbps,
                    arrayCopyGBps(p, k))));
        }
        sb.append('\n');
    }

    private void deviceCopies(final StringBuilder sb)
    {
        final List<Measured> rows = named(DEVICE_COPY);
        if (rows.isEmpty())
        {
            return;
        }
        sb.append("### Device copy baseline (`DeviceVector.copyFrom` on each backend)\n\n");
        sb.append("| backend | precision | size | bytes/elem | time (us) | GB/s | % array copy |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (final Measured r : sortedBySize(rows))
        {
            final Precision p = Precision.parse(r.param("precision", "F32"));
            final int k = Integer.parseInt(r.param("log2Size", "0"));
            final double gbps = r.gbps((2L * p.sizeBytes()) << k);
            sb.append(row(r.param("backend", "?"), p.name(), "2^" + k,
                Integer.toString(2 * p.sizeBytes()),
                time(r), fixed(gbps), percent(gbps, arrayCopyGBps(p, k))));
        }
        sb.append('\n');
    }

    private void gradients(final StringBuilder sb)
    {
        final List<Measured> rows = named(GRADIENT, NUMPY_GRADIENT);
        if (rows.isEmpty())
        {
            return;
        }
        final Optional<Double> triad = largestTriadGBps();
        sb.append("### Gradients (F32; GB/s counts one pass over the selected rows; "
            + "% of the triad at the largest F32 size)\n\n");
        sb.append("| implementation | loss | shape | rows | MB moved | time (us) | GB/s | % triad |\n");
        sb.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        final List<Measured> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((Measured r) -> r.param("shape", ""))
            .thenComparing(r -> r.param("loss", ""))
            .thenComparing(r -> r.param("batch", ""))
            .thenComparing(ResultTable::implementation));
        for (final Measured r : sorted)
        {
            final GradientShape shape = GradientShape.parse(r.param("shape", "tall"));
            final long bytes = gradientBytes(r);
            final double gbps = r.gbps(bytes);
            sb.append(row(implementation(r), r.param("loss", "?"), shape.id() + " " + shape.rows()
                + "x" + shape.cols(),
                r.param("batch", "full"), fixed(bytes / 1e6), time(r), fixed(gbps), percent(gbps,
                    triad)));
        }
        sb.append('\n');
    }

    static String implementation(final Measured r)
    {
        return switch (r.shortName())
        {
            case ND4J -> "default".equals(r.param("ompThreads", "default"))
                ? "nd4j"
                : "nd4j (" + r.param("ompThreads", "?") + " thread)";
            case NUMPY_UPDATE, NUMPY_GRADIENT -> "numpy";
            default -> "descent/" + r.param("backend", "?");
        };
    }

    private static String updateKernel(final Measured r)
    {
        return switch (r.shortName())
        {
            case ND4J -> "sgd".equals(r.param("updater", "")) ? "Sgd + subi" : "Nesterovs + subi";
            case NUMPY_UPDATE -> r.param("kernel", "?") + " (ema)";
            default -> r.param("kernel", "?");
        };
    }

    private static List<Measured> sortedBySize(final List<Measured> rows)
    {
        final List<Measured> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((Measured r) -> r.param("precision", ""))
            .thenComparing(r -> Integer.parseInt(r.param("log2Size", "0"))));
        return sorted;
    }

    static String time(final Measured r)
    {
        final String err = Double.isNaN(r.errorUs()) ? "n/a" : number(r.errorUs());
        return number(r.scoreUs()) + " ± " + err;
    }

    static String number(final double v)
    {
        if (Math.abs(v) >= 1000)
        {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v)
            : String.format(Locale.ROOT, "%.3f", v);
    }

    static String fixed(final double v)
    {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String percent(final double value, final Optional<Double> reference)
    {
        return reference.map(ref -> String.format(Locale.ROOT, "%.0f%%",
            100.0 * value / ref)).orElse("n/a");
    }

    private static String row(final String... cells)
    {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
