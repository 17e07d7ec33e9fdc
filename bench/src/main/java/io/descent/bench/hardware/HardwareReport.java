package io.descent.bench.hardware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link HardwareBench} run found: the machine, each backend with its device or the
 * reason it was not measured, and every measurement. Renders as a text table per backend, as
 * JSON, and as a PNG chart of GB/s against size with one line per backend and kernel.
 *
 * @param machine      the machine the run happened on.
 * @param started      when the run began.
 * @param elapsed      how long it took, set-up included.
 * @param options      what was asked for.
 * @param backends     every backend the registry knows, in registry order.
 * @param measurements every measurement, in the order taken.
 */
public record HardwareReport(
    MachineInfo machine, Instant started, Duration elapsed, HardwareOptions options,
        List<BackendSummary> backends,
    List<Measurement> measurements)
{
    /**
     * @param name      backend name.
     * @param available whether its probe found it able to run.
     * @param device    the device in words when available, else the reason it is not.
     * @param outcome   {@code measured}, {@code not selected} (available but left out by the
     *                  options), {@code not measured} (unavailable) or {@code failed: reason}.
     */
    public record BackendSummary(String name, boolean available, String device, String outcome)
    {
    }

    public HardwareReport
    {
        backends = List.copyOf(backends);
        measurements = List.copyOf(measurements);
    }

    /** @return the machine, then one table per measured backend, then the others with reasons. */
    public String table()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("machine: ").append(machine.summary()).append('\n');
        sb.append("jvm:     ").append(machine.jvm()).append('\n');
        sb.append(String.format(Locale.ROOT, "run:     %s, %.1f s, %s, budget %d s%n", started,
            elapsed.toMillis() / 1e3, options.precision(), options.budget().toSeconds()));
        for (final BackendSummary b : backends)
        {
            sb.append('\n').append("backend ").append(b.name()).append(": ");
            if (!b.outcome().equals("measured"))
            {
                sb.append(b.outcome()).append(" (").append(b.device()).append(")\n");
                if (!b.outcome().startsWith("failed"))
                {
                    continue;
                }
            }
            else
            {
                sb.append(b.device()).append('\n');
            }
            backendTable(sb, b.name());
        }
        return sb.toString();
    }

    private void backendTable(final StringBuilder sb, final String backend)
    {
        sb.append(String.format(Locale.ROOT, "  %-24s %-10s %12s %9s %8s%n", "kernel", "size",
            "time", "GB/s", "% copy"));
        for (final Measurement m : measurements)
        {
            if (!m.backend().equals(backend))
            {
                continue;
            }
            final String pct = Double.isNaN(m.percentOfCopy())
                ? "-"
                : String.format(Locale.ROOT, "%.0f%%", m.percentOfCopy());
            sb.append(String.format(Locale.ROOT, "  %-24s %-10s %12s %9.2f %8s%n", m.kernel(),
                m.shape(),
                duration(m.medianNs()), m.gbps(), pct));
        }
    }

    /** @return the whole report as indented JSON. */
    public String json()
    {
        final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        final ObjectNode root = mapper.createObjectNode();
        root.set("machine", mapper.valueToTree(machine));
        root.put("started", started.toString());
        root.put("elapsedMs", elapsed.toMillis());
        final ObjectNode opts = root.putObject("options");
        opts.put("budgetMs", options.budget().toMillis());
        opts.set("log2Sizes", mapper.valueToTree(options.log2Sizes()));
        opts.set("backends", mapper.valueToTree(options.backends()));
        final ArrayNode kernels = opts.putArray("kernels");
        options.kernels().forEach(k -> kernels.add(k.id()));
        opts.put("precision", options.precision().name());
        root.set("backends", mapper.valueToTree(backends));
        final ArrayNode list = root.putArray("measurements");
        for (final Measurement m : measurements)
        {
            final ObjectNode node = mapper.valueToTree(m);
            if (Double.isNaN(m.percentOfCopy()))
            {
                node.putNull("percentOfCopy");
            }
            list.add(node);
        }
        try
        {
            return mapper.writeValueAsString(root);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalStateException("report could not be written as JSON", e);
        }
    }

    /** Writes {@link #json()} to {@code file}. */
    public void writeJson(final Path file)
    {
        try
        {
            Files.writeString(file, json());
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /**
     * Draws GB/s against elements (both axes logarithmic), one line per backend and kernel, and
     * writes it as a PNG. Runs headless: no display is needed.
     */
    public void writeChart(final Path file, final int widthPx, final int heightPx)
    {
        if (widthPx < 100 || heightPx < 100)
        {
            throw new IllegalArgumentException("chart must be at least 100 x 100 pixels: "
                + widthPx + " x " + heightPx);
        }
        if (System.getProperty("java.awt.headless") == null)
        {
            System.setProperty("java.awt.headless", "true");
        }
        final JFreeChart chart = chart();
        try
        {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, widthPx, heightPx);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private JFreeChart chart()
    {
        final Map<String, XYSeries> series = new LinkedHashMap<>();
        for (final Measurement m : measurements)
        {
            if (m.gbps() > 0 && Double.isFinite(m.gbps()))
            {
                series.computeIfAbsent(m.backend() + " " + m.kernel(),
                    XYSeries::new).add(m.elements(), m.gbps());
            }
        }
        final XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);

        final JFreeChart chart = ChartFactory.createXYLineChart(
            "descent bench: " + machine.cpuModel() + " (" + options.precision() + ")",
            "elements", "GB/s", data, PlotOrientation.VERTICAL, true, false, false);
        final XYPlot plot = chart.getXYPlot();
        final LogAxis x = new LogAxis("elements");
        x.setBase(2);
        x.setSmallestValue(1);
        x.setTickUnit(new NumberTickUnit(2.0));
        x.setNumberFormatOverride(new DecimalFormat("0"));
        plot.setDomainAxis(x);
        final LogAxis y = new LogAxis("GB/s");
        y.setSmallestValue(1e-3);
        y.setTickUnit(new NumberTickUnit(0.5));
        y.setNumberFormatOverride(new DecimalFormat("0.##"));
        plot.setRangeAxis(y);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        return chart;
    }

    private static String duration(final double ns)
    {
        if (ns >= 1e6)
        {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        return ns >= 1e3 ? String.format(Locale.ROOT, "%.2f us", ns / 1e3)
            : String.format(Locale.ROOT, "%.0f ns", ns);
    }
}
