package io.descent.bench.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.descent.backend.BackendRegistry;
import io.descent.bench.testing.ArrayEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the shape of a hardware benchmark's output with a tiny budget: which measurements are
 * taken, that progress is reported for each, and that the table, JSON and chart hold them.
 * Speed is not tested.
 */
class HardwareBenchTest
{
    private static final HardwareOptions TINY = HardwareOptions.defaults()
        .withBudget(Duration.ofMillis(200))
        .withLog2Sizes(List.of(10, 12));

    private static HardwareReport report;
    private static final List<ProgressListener.Progress> PROGRESS = new ArrayList<>();

    @BeforeAll
    static void runOnce()
    {
        final BackendRegistry registry = new BackendRegistry(List.of(
            ArrayEngine.provider("alpha", 10), ArrayEngine.unavailable("ghost")));
        report = new HardwareBench(registry).run(TINY, PROGRESS::add);
    }

    @Test
    void measuresCopyEachKernelAtEachSizeAndOneGradient()
    {
        final List<String> taken = report.measurements().stream().map(m -> m.kernel() + " "
            + m.shape()).toList();

        assertEquals(List.of("copy 2^10", "plain 2^10", "momentum 2^10", "nesterov 2^10",
            "copy 2^12", "plain 2^12", "momentum 2^12", "nesterov 2^12",
            "gradient least-squares 64x64"), taken);
        for (final Measurement m : report.measurements())
        {
            assertEquals("alpha", m.backend());
            assertTrue(m.medianNs() > 0 && m.bestNs() <= m.medianNs(), m.toString());
            assertTrue(m.samples() >= 3, m.toString());
            assertEquals(m.bytesPerOp() / m.medianNs(), m.gbps(), 1e-9 * m.gbps());
        }
    }

    @Test
    void statesBytesPerElementAndPercentOfCopy()
    {
        final Measurement copy = find("copy", "2^10");
        final Measurement momentum = find("momentum", "2^10");

        assertEquals(8L * 1024, copy.bytesPerOp());
        assertEquals(20L * 1024, momentum.bytesPerOp());
        assertEquals(100.0, copy.percentOfCopy(), 1e-9);
        assertEquals(100.0 * momentum.gbps() / copy.gbps(), momentum.percentOfCopy(), 1e-9);
    }

    @Test
    void reportsProgressForEveryMeasurement()
    {
        assertEquals(report.measurements().size(), PROGRESS.size());
        for (int i = 0; i < PROGRESS.size(); i++)
        {
            assertEquals(i + 1, PROGRESS.get(i).completed());
            assertEquals(9, PROGRESS.get(i).total());
        }
        assertEquals(1.0, PROGRESS.get(PROGRESS.size() - 1).fraction());
    }

    @Test
    void tableShowsMachineBackendsAndReasons()
    {
        final String table = report.table();

        assertTrue(table.startsWith("machine: "), table);
        assertTrue(table.contains("backend alpha: test arrays"), table);
        assertTrue(table.contains("backend ghost: not measured (no such device in tests)"), table);
        assertTrue(table.contains("momentum"), table);
        assertTrue(table.contains("% copy"), table);
    }

    @Test
    void jsonHoldsMachineOptionsBackendsAndMeasurements() throws Exception
    {
        final JsonNode root = new ObjectMapper().readTree(report.json());

        assertFalse(root.path("machine").path("cpuModel").asText().isEmpty());
        assertTrue(root.path("machine").path("logicalCpus").asInt() > 0);
        assertEquals(200, root.path("options").path("budgetMs").asLong());
        assertEquals("momentum", root.path("options").path("kernels").get(1).asText());
        assertEquals(2, root.path("backends").size());
        assertEquals("ghost", root.path("backends").get(1).path("name").asText());
        assertEquals(9, root.path("measurements").size());
        assertTrue(root.path("measurements").get(0).path("gbps").asDouble() > 0);
    }

    @Test
    void chartIsAPngOfTheRequestedSize(@TempDir final Path dir) throws Exception
    {
        final Path png = dir.resolve("bench.png");

        report.writeChart(png, 640, 400);

        final BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not a readable image");
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
    }

    @Test
    void rejectsUnknownBackendNamingTheKnownOnes()
    {
        final BackendRegistry registry = new BackendRegistry(List.of(ArrayEngine.provider("alpha",
            10)));

        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new HardwareBench(registry).run(TINY.withBackends(List.of("beta")),
                ProgressListener.NONE));

        assertEquals("unknown backend 'beta'; known backends: [alpha]", e.getMessage());
    }

    @Test
    void optionsRejectSizesOutOfRangeAndEmptyBudgets()
    {
        final IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
            () -> TINY.withLog2Sizes(List.of(40)));
        final IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
            () -> TINY.withBudget(Duration.ZERO));

        assertEquals("log2 sizes must be in [4, 30]: log2Size=40", size.getMessage());
        assertEquals("budget must be > 0: budget=PT0S", budget.getMessage());
    }

    private static Measurement find(final String kernel, final String shape)
    {
        return report.measurements().stream()
            .filter(m -> m.kernel().equals(kernel) && m.shape().equals(shape))
            .findFirst()
            .orElseThrow();
    }
}
