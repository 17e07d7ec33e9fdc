package io.descent.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the arithmetic of the post-processor on made-up results (not measurements). */
class ResultTableTest
{
    private static final String JMH = "io.descent.bench.jmh.";

    @Test
    void reportsUpdateBandwidthAsAFractionOfTheSameSizeTriad()
    {
        // Triad: 12 B x 2^24 in 6000 us = 33.55 GB/s. Momentum: 20 B x 2^24 in 12000 us = 27.96
        // GB/s.
        final String md = new ResultTable(List.of(
            result(JMH + "StreamBench.triad", Map.of("precision", "F32", "log2Size", "24",
                "threads", "all"), 6000),
            result(JMH + "StreamBench.triad", Map.of("precision", "F32", "log2Size", "24",
                "threads", "1"), 9000),
            result(JMH + "UpdateBench.step", Map.of("backend", "java", "precision", "F32",
                "log2Size", "24",
                "kernel", "momentum"), 12000))).markdown();

        assertTrue(md.contains("| descent/java | momentum | F32 | 2^24 | 20 | 12000 ± 1.000 | 28.0 | 83% | n/a |"), md);
        assertTrue(md.contains("| java momentum >= 85% of triad GB/s | 28.0 GB/s vs triad 33.6 GB/s = 83% "
            + "| missed by 2 points |"), md);
    }

    @Test
    void reportsSpeedupsAgainstPeersAndTheShortfall()
    {
        final String md = new ResultTable(List.of(
            result(JMH + "UpdateBench.step", Map.of("backend", "java", "precision", "F32",
                "log2Size", "24",
                "kernel", "momentum"), 10000),
            result("numpy.update", Map.of("precision", "F32", "log2Size", "24", "kernel",
                "textbook"), 40000),
            result(JMH + "GradientBench.lossAndGradient", Map.of("backend", "java", "loss",
                "least-squares",
                "shape", "tall", "batch", "full"), 5000),
            result("numpy.gradient", Map.of("loss", "least-squares", "shape", "tall", "batch",
                "full"), 20000)))
            .markdown();

        assertTrue(md.contains("| java momentum >= 5x faster than NumPy textbook | 10000 us vs 40000 us = 4.00x "
            + "| missed: 4.00x of the 5.0x asked (20% short) |"), md);
        assertTrue(md.contains("= 4.00x | met |"), md);
        assertTrue(md.contains("| opencl momentum time <= 1.5x java's | no opencl result in this run "
            + "| not measured |"), md);
    }

    @Test
    void computesTheErrorFromRawSamplesWhenAFileHasNone(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("numpy.json");
        Files.writeString(file,
            "[{\"benchmark\": \"numpy.update\", \"mode\": \"avgt\", \"params\": "
            + "{\"precision\": \"F32\", \"log2Size\": \"10\", \"kernel\": \"inplace\"}, \"primaryMetric\": "
            + "{\"score\": 2.0, \"scoreUnit\": \"us/op\", \"rawData\": [[1.0, 2.0, 3.0]]}}]");

        final Measured m = JmhJson.read(file).get(0);

        assertEquals(2.0, m.scoreUs());
        assertEquals(3, m.samples());
        // Student's t at 99.9% with 2 degrees of freedom is 31.6; the standard error is 1/sqrt(3).
        assertEquals(31.599 / Math.sqrt(3), m.errorUs(), 1e-2);
    }

    private static Measured result(final String name, final Map<String, String> params,
        final double us)
    {
        return new Measured(name, params, us, 1.0, 5);
    }
}
