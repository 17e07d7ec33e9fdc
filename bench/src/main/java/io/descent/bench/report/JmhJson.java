package io.descent.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.util.ListStatistics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's JSON result format (and the NumPy peer's output, which copies its shape) into
 * {@link Measured} values. Only average-time results in a time-per-operation unit are read.
 * Where a file carries raw samples but no error (the NumPy peer), the error is computed from
 * the samples with JMH's own statistics, so both sources use the same 99.9% interval.
 */
public final class JmhJson
{
    private static final double CONFIDENCE = 0.999;

    private JmhJson()
    {
    }

    /** @return every result in {@code file}, in file order. */
    public static List<Measured> read(final Path file) throws IOException
    {
        final JsonNode root = new ObjectMapper().readTree(file.toFile());
        final List<Measured> out = new ArrayList<>();
        for (final JsonNode run : root)
        {
            out.add(parse(run));
        }
        return out;
    }

    private static Measured parse(final JsonNode run)
    {
        final JsonNode metric = run.path("primaryMetric");
        final double toUs = toMicros(metric.path("scoreUnit").asText("us/op"));
        final List<Double> raw = new ArrayList<>();
        for (final JsonNode fork : metric.path("rawData"))
        {
            for (final JsonNode sample : fork)
            {
                raw.add(sample.asDouble());
            }
        }

        final double score = metric.path("score").asDouble() * toUs;
        double error = metric.has("scoreError")
            ? metric.path("scoreError").asDouble(Double.NaN) * toUs : Double.NaN;
        if (Double.isNaN(error) && raw.size() > 1)
        {
            final ListStatistics stats = new ListStatistics();
            raw.forEach(stats::addValue);
            error = stats.getMeanErrorAt(CONFIDENCE) * toUs;
        }
        return new Measured(run.path("benchmark").asText(), params(run.path("params")), score,
            error, raw.size());
    }

    private static Map<String, String> params(final JsonNode node)
    {
        final Map<String, String> out = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext())
        {
            final Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static double toMicros(final String unit)
    {
        return switch (unit)
        {
            case "ns/op" -> 1e-3;
            case "us/op" -> 1.0;
            case "ms/op" -> 1e3;
            case "s/op" -> 1e6;
            default -> throw new IllegalArgumentException("expected a time per operation, not "
                + unit);
        };
    }
}
