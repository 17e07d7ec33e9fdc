package io.descent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code descent bench} with a tiny budget: structure and errors, never speed. */
class BenchCommandTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void jsonReportsEveryBackendAndMeasuresTheChosenOne(@TempDir final Path dir) throws IOException
    {
        final Path chart = dir.resolve("bench.png");

        final CommandResult r = CommandResult.run("bench", "--budget", "0.2", "--sizes", "6",
            "--backend", "java", "--kernels", "momentum", "--json", "--chart", chart.toString());

        assertEquals(ExitCode.OK, r.status(), r::toString);
        final JsonNode json = MAPPER.readTree(r.out());
        assertTrue(json.get("machine").get("logicalCpus").asInt() >= 1, r::toString);
        final JsonNode java = find(json.get("backends"), "java");
        assertEquals("measured", java.get("outcome").asText());
        int momentum = 0;
        for (final JsonNode m : json.get("measurements"))
        {
            assertEquals("java", m.get("backend").asText());
            assertTrue(m.get("gbps").asDouble() > 0, m::toString);
            momentum += m.get("kernel").asText().equals("momentum") ? 1 : 0;
        }
        assertEquals(1, momentum, "one momentum measurement at 2^6");
        final byte[] png = Files.readAllBytes(chart);
        assertEquals((byte)0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void tableNamesTheMachineAndTheCopyBaseline()
    {
        final CommandResult r = CommandResult.run("bench", "--budget", "0.2", "--sizes", "6",
            "--backend", "java");

        assertEquals(ExitCode.OK, r.status(), r::toString);
        assertTrue(r.out().startsWith("machine: "), r::toString);
        assertTrue(r.out().contains("% copy"), r::toString);
    }

    @Test
    void badOptionsAreUsageErrors()
    {
        assertEquals("error: budget must be finite and > 0 seconds: budget=-1.0",
            CommandResult.run("bench", "--budget", "-1").errorLine());
        assertEquals("error: log2 sizes must be in [4, 30]: log2Size=31",
            CommandResult.run("bench", "--sizes", "31").errorLine());
        // The cli tests also register a test-only backend, so the known list is checked by prefix.
        final String unknown = CommandResult.run("bench", "--backend", "metal").errorLine();
        assertTrue(unknown.startsWith("error: unknown backend 'metal'; known backends: [cuda, "
            + "opencl, java"), unknown);
        assertEquals(ExitCode.USAGE, CommandResult.run("bench", "--chart", "out.svg").status());
    }

    private static JsonNode find(final JsonNode backends, final String name)
    {
        for (final JsonNode b : backends)
        {
            if (b.get("name").asText().equals(name))
            {
                return b;
            }
        }
        throw new AssertionError("no backend " + name + " in " + backends);
    }
}
