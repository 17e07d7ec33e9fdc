package io.descent.train;

import io.descent.data.Dataset;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StandardizerTest
{
    @Test
    void scalesEachColumnToMeanZeroAndUnitPopulationDeviation()
    {
        final Dataset d = Dataset.of("t", List.of("a", "b"), "y", new double[] {1, 10, 3, 10, 5,
            10},
            new double[] {0, 0, 0});

        final Standardizer s = Standardizer.fit(d);

        assertArrayEquals(new double[] {3, 10}, s.means(), 0.0);
        final double std = Math.sqrt(8.0 / 3.0);
        assertArrayEquals(new double[] {std, 1.0}, s.scales(), 1e-15);
        assertArrayEquals(new double[] {-2 / std, 0, 0, 0, 2 / std, 0}, s.apply(d.features()),
            1e-15);
    }

    @Test
    void constantColumnIsCentredButLeftUnscaled()
    {
        final Dataset d = Dataset.of("t", List.of("c"), "y", new double[] {7, 7}, new double[] {0,
            1});

        final Standardizer s = Standardizer.fit(d);

        assertEquals(1.0, s.scales()[0]);
        assertArrayEquals(new double[] {0, 0, 1}, s.apply(new double[] {7, 7, 8}), 0.0);
    }

    @Test
    void identityChangesNothing()
    {
        assertArrayEquals(new double[] {1.5, -2}, Standardizer.identity(2).apply(new double[] {1.5,
            -2}), 0.0);
    }

    @Test
    void trainedModelPredictsRawRowsThroughTheScaling()
    {
        final Dataset d = Dataset.of("t", List.of("a"), "y", new double[] {0, 4}, new double[] {0,
            1});
        final Standardizer s = Standardizer.fit(d);

        final TrainedModel linear = new TrainedModel(Model.LINEAR, new double[] {3}, 1, s);
        final TrainedModel logistic = new TrainedModel(Model.LOGISTIC, new double[] {0}, 0, s);

        assertEquals(1 + 3 * (4 - 2) / 2.0, linear.predict(new double[] {4}), 1e-15);
        assertEquals(0.5, logistic.predict(new double[] {100}), 0.0);
    }

    @Test
    void hugeValuesAreScaledWithoutOverflow()
    {
        final Dataset d = Dataset.of("t", List.of("h"), "y", new double[] {1e308, -1e308},
            new double[] {0, 1});

        final Standardizer s = Standardizer.fit(d);

        assertEquals(0.0, s.means()[0]);
        assertEquals(1e308, s.scales()[0]);
        assertArrayEquals(new double[] {1, -1}, s.apply(d.features()), 0.0);
    }
}
