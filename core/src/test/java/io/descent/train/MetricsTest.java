package io.descent.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest
{
    @Test
    void regressionMetricsFollowTheirDefinitions()
    {
        final Metrics m = Metrics.regression(new double[] {1, 2, 5}, new double[] {1, 3, 3});

        assertEquals(List.of("mse", "rmse", "r2"), List.copyOf(m.values().keySet()));
        assertEquals(5.0 / 3.0, m.get("mse"), 1e-15);
        assertEquals(Math.sqrt(5.0 / 3.0), m.get("rmse"), 1e-15);
        assertEquals(1.0 - 5.0 / (24.0 / 9.0), m.get("r2"), 1e-12);
    }

    @Test
    void rSquaredIsUndefinedForConstantTargets()
    {
        assertTrue(Double.isNaN(Metrics.regression(new double[] {1, 2}, new double[] {2,
            2}).get("r2")));
    }

    @Test
    void accuracyThresholdsProbabilitiesAtOneHalf()
    {
        final Metrics m = Metrics.classification(0.25, new double[] {0.5, 0.49, 0.9, 0.1},
            new double[] {1, 1, 1, 0});

        assertEquals(List.of("log_loss", "accuracy"), List.copyOf(m.values().keySet()));
        assertEquals(0.25, m.get("log_loss"));
        assertEquals(0.75, m.get("accuracy"));
        assertEquals("no metric named 'mse'; known: [log_loss, accuracy]",
            assertThrows(IllegalArgumentException.class, () -> m.get("mse")).getMessage());
    }
}
