package io.descent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.descent.backend.BackendRegistry;
import io.descent.cpu.SkewedBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands as a user runs them, in this process, on the Java backend. */
class CommandsTest
{
    /**
     * Mean squared error of ordinary least squares on the diabetes data, see TrainerAcceptanceTest.
     */
    private static final double DIABETES_OLS_MSE = 2859.70;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void trainWithNoOptionsFitsTheEmbeddedDiabetesData()
    {
        final CommandResult r = CommandResult.run("train");

        assertEquals(ExitCode.OK, r.status(), r::toString);
        assertEquals("", r.err(), "nothing on stderr outside a terminal, no log lines");
        assertTrue(r.out().startsWith("trained linear model on embedded data set diabetes (442 "
            + "rows, 10 features, "
            + "target "
            + "'progression')"), r::toString);
        assertTrue(r.out().contains("momentum (lr=0.1, momentum=0.9), full batch, standardised "
            + "features"), r::toString);
        assertTrue(r.out().contains("mse 2859.7"), r::toString);
        assertTrue(r.out().contains("  loss       11628.7 after epoch 1, 1429.85 at the end (half "
            + "the mse)"), r::toString);
        assertTrue(r.out().contains("r2 0.5177"), r::toString);
    }

    @Test
    void trainJsonHasEveryDocumentedField() throws IOException
    {
        final CommandResult r = CommandResult.run("train", "--backend", "java", "--json");

        assertEquals(ExitCode.OK, r.status(), r::toString);
        final JsonNode json = MAPPER.readTree(r.out());
        for (final String field : List.of("backend", "precision", "model", "optimizer",
            "epochs_run", "final_loss",
            "loss_history", "weights", "intercept", "metrics"))
        {
            assertTrue(json.has(field), "missing " + field + " in " + r.out());
        }
        assertEquals("java", json.get("backend").asText());
        assertEquals("f32", json.get("precision").asText());
        assertEquals("linear", json.get("model").asText());
        assertEquals("momentum", json.get("optimizer").asText());
        assertEquals(500, json.get("epochs_run").asInt());
        assertEquals(500, json.get("loss_history").size());
        assertEquals(10, json.get("weights").size());
        assertEquals(json.get("final_loss").asDouble(),
            json.get("loss_history").get(499).asDouble());
        final double mse = json.get("metrics").get("mse").asDouble();
        assertTrue(Math.abs(mse - DIABETES_OLS_MSE) <= 1e-3 * DIABETES_OLS_MSE, "mse " + mse);
        assertEquals(Math.sqrt(mse), json.get("metrics").get("rmse").asDouble(), 1e-9 * mse);
        assertTrue(json.get("metrics").has("r2"));
    }

    @Test
    void logisticJsonReportsLogLossAndAccuracy() throws IOException
    {
        final CommandResult r = CommandResult.run("train", "--backend", "java", "--data",
            "breast_cancer",
            "--model", "logistic", "--precision", "f64", "--json");

        assertEquals(ExitCode.OK, r.status(), r::toString);
        final JsonNode metrics = MAPPER.readTree(r.out()).get("metrics");
        assertTrue(metrics.get("accuracy").asDouble() >= 0.98, metrics::toString);
        assertTrue(metrics.get("log_loss").asDouble() < 0.06, metrics::toString);
        assertFalse(metrics.has("mse"));
    }

    @Test
    void toleranceStopsEarlyAndSaysSo() throws IOException
    {
        final CommandResult r = CommandResult.run("train", "--backend", "java", "--tolerance",
            "1e-4", "--json");

        assertEquals(ExitCode.OK, r.status(), r::toString);
        final JsonNode json = MAPPER.readTree(r.out());
        assertEquals("tolerance", json.get("stop_reason").asText());
        assertTrue(json.get("epochs_run").asInt() < 500, r::toString);
        assertEquals(json.get("epochs_run").asInt(), json.get("loss_history").size());
    }

    @Test
    void backendsListsEveryBackendWithItsStatus() throws IOException
    {
        final CommandResult r = CommandResult.run("backends", "--json");

        assertEquals(ExitCode.OK, r.status(), r::toString);
        final JsonNode list = MAPPER.readTree(r.out());
        assertTrue(list.isArray() && list.size() >= 1, r::toString);
        boolean sawJava = false;
        for (final JsonNode b : list)
        {
            assertTrue(b.has("name") && b.has("available") && b.has("reason")
                && b.has("priority") && b.has("device"), b::toString);
            assertEquals(b.get("available").asBoolean(), !b.get("device").isNull(), b::toString);
            assertEquals(b.get("available").asBoolean(), b.get("reason").isNull(), b::toString);
            sawJava |= b.get("name").asText().equals("java") && b.get("available").asBoolean();
        }
        assertTrue(sawJava, "the Java backend is always available: " + r.out());
    }

    @Test
    void backendsTableHasAHeaderAndOneRowPerBackend()
    {
        final CommandResult r = CommandResult.run("backends");

        assertEquals(ExitCode.OK, r.status(), r::toString);
        assertTrue(r.out().startsWith("BACKEND"), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("java ")
            && l.contains(" yes ")), r::toString);
    }

    @Test
    void verifyPassesOnTheJavaBackend() throws IOException
    {
        final CommandResult r = CommandResult.run("verify", "--backend", "java", "--json");

        assertEquals(ExitCode.OK, r.status(), r::toString);
        final JsonNode json = MAPPER.readTree(r.out());
        assertTrue(json.get("passed").asBoolean(), r::toString);
        final JsonNode checks = json.get("backends").get(0).get("checks");
        assertTrue(checks.size() > 20, "every kernel in F32 and F64: " + checks);
        for (final JsonNode c : checks)
        {
            assertEquals("pass", c.get("outcome").asText(), c::toString);
        }
        final CommandResult table = CommandResult.run("verify", "--backend", "java");
        assertEquals(ExitCode.OK, table.status(), table::toString);
        assertTrue(table.out().strip().endsWith("all checks passed"), table::toString);
    }

    @Test
    void verifyExitsWithOneWhenABackendDisagrees() throws IOException
    {
        System.setProperty(SkewedBackendProvider.ENABLE_PROPERTY, "true");
        try
        {
            final CommandResult table = CommandResult.run("verify");
            final CommandResult json = CommandResult.run("verify", "--backend", "skewed", "--json");

            assertEquals(ExitCode.FAILED, table.status(), table::toString);
            final List<String> lines = table.out().lines().toList();
            assertTrue(lines.stream()
                .anyMatch(l -> l.startsWith("skewed ") && l.contains(" FAIL ")),
                table::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("java ") && l.contains(" pass ")),
                table::toString);
            assertEquals("verification FAILED: a backend disagrees with the reference",
                lines.get(lines.size() - 1), table::toString);
            assertEquals(ExitCode.FAILED, json.status(), json::toString);
            assertFalse(MAPPER.readTree(json.out()).get("passed").asBoolean(), json::toString);
        }
        finally
        {
            System.clearProperty(SkewedBackendProvider.ENABLE_PROPERTY);
        }
    }

    @Test
    void libraryLogReachesTheTerminalOnlyWithVerbose()
    {
        final PrintStream original = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            final CommandResult quiet =
                CommandResult.run("train", "--backend", "java", "--epochs", "1");
            final String quietLog = captured.toString(StandardCharsets.UTF_8);
            final boolean quietLogs = System.getLogger(BackendRegistry.class.getName())
                .isLoggable(System.Logger.Level.WARNING);
            final CommandResult verbose = CommandResult.run(
                "train", "--backend", "java", "--epochs", "1",
                "--verbose");
            final String verboseLog = captured.toString(StandardCharsets.UTF_8);

            assertEquals(ExitCode.OK, quiet.status(), quiet::toString);
            assertEquals(ExitCode.OK, verbose.status(), verbose::toString);
            assertEquals("", quietLog);
            assertFalse(quietLogs, "without --verbose the library's logging is switched off");
            assertTrue(verboseLog.startsWith("info: descent: using backend java ("), verboseLog);
        }
        finally
        {
            System.setErr(original);
        }
    }

    @Test
    void aFileNamedLikeAnEmbeddedSetIsCalledAFile(@TempDir final Path dir) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("diabetes"), "a,y\n1,2\n2,4\n");

        final CommandResult r = CommandResult.run("train", "--backend", "java", "--data",
            file.toString(), "--epochs", "1");

        assertEquals(ExitCode.OK, r.status(), r::toString);
        assertTrue(r.out().startsWith("trained linear model on file " + file + " (2 rows, 1 "
            + "feature, target 'y')"), r::toString);
    }

    @Test
    void libsvmLabelsMinusOneAndPlusOneAreTakenAsZeroAndOneForLogistic(@TempDir final Path dir)
        throws IOException
    {
        final Path file = Files.writeString(dir.resolve("pm.svm"),
            "-1 1:1\n+1 1:2\n-1 1:0.5\n1 1:3\n");

        final CommandResult text = CommandResult.run("train", "--backend", "java", "--data",
            file.toString(), "--model", "logistic");
        final CommandResult json = CommandResult.run("train", "--backend", "java", "--data",
            file.toString(), "--model", "logistic", "--json");

        assertEquals(ExitCode.OK, text.status(), text::toString);
        assertTrue(text.out().contains("  loss       "), text::toString);
        assertTrue(text.out().contains(" at the end (mean log-loss)"), text::toString);
        assertTrue(text.out().contains("  note       labels -1 and +1 in column 'label' taken as "
            + "0 and 1"), text::toString);
        final JsonNode root = MAPPER.readTree(json.out());
        assertEquals("labels -1 and +1 in column 'label' taken as 0 and 1",
            root.get("notes").get(0).asText());
        assertEquals(1.0, root.get("metrics").get("accuracy").asDouble());
    }
}
