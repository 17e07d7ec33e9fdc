package io.descent.train;

import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.data.DataSources;
import io.descent.data.Dataset;
import io.descent.memory.Precision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trainer's acceptance criteria, end to end on the Java backend (always available). These
 * live in the cli module because core cannot depend on a backend: the Java backend depends on
 * core.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainerAcceptanceTest
{
    /** The figure for the least-squares optimum on the standardised diabetes data. */
    private static final double DIABETES_OLS_MSE = 2859.70;

    private Backend backend;
    private Dataset diabetes;
    private Dataset cancer;

    @BeforeAll
    void open() throws IOException
    {
        backend = BackendRegistry.load().open("java");
        diabetes = DataSources.embedded("diabetes", null);
        cancer = DataSources.embedded("breast_cancer", null);
    }

    @AfterAll
    void close()
    {
        backend.close();
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void defaultsReachTheLeastSquaresOptimumOnDiabetes(final Precision p)
    {
        final double optimum = leastSquaresMse(diabetes);
        assertEquals(DIABETES_OLS_MSE, optimum, 0.005, "the independent solve agrees with the "
            + "issue's figure");

        final TrainingResult r = Trainer.train(backend, diabetes,
            TrainingConfig.builder().precision(p).build());

        final double mse = r.metrics().get("mse");
        assertTrue(r.epochsRun() <= 500);
        assertTrue(mse >= optimum * (1 - 1e-6), "cannot beat the optimum: mse=" + mse
            + ", optimum=" + optimum);
        assertTrue(mse <= optimum * 1.001, "within 0.1% of the optimum: mse=" + mse + ", optimum="
            + optimum);
        assertEquals(mse / 2, r.finalLoss(), 1e-4 * mse, "the loss is half the mean squared error");
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void defaultsFitBreastCancer(final Precision p)
    {
        final TrainingConfig config = TrainingConfig.builder().model(Model.LOGISTIC).precision(p)
            .build();

        final TrainingResult r = Trainer.train(backend, cancer, config);

        assertTrue(r.metrics().get("accuracy") >= 0.98, r.metrics()::toString);
        assertTrue(r.metrics().get("log_loss") < 0.06, r.metrics()::toString);
        assertEquals(r.finalLoss(), r.metrics().get("log_loss"), 0.0);
    }

    @Test
    void lossHistoryFallsAndTheModelPredictsRawRows()
    {
        final TrainingResult r = Trainer.train(backend, diabetes, TrainingConfig.builder()
            .precision(Precision.F64).build());

        final double[] history = r.lossHistory();
        assertEquals(500, history.length);
        assertTrue(history[499] < history[0] / 4, "loss falls: " + history[0] + " -> "
            + history[499]);
        double squares = 0;
        final double[] features = diabetes.features();
        for (int i = 0; i < diabetes.rows(); i++)
        {
            final double[] row = java.util.Arrays.copyOfRange(features, i * 10, i * 10 + 10);
            final double e = r.model().predict(row) - diabetes.target(i);
            squares += e * e;
        }
        assertEquals(r.metrics().get("mse"), squares / diabetes.rows(), 1e-9 * squares,
            "host predictions through the kept scaling match the backend's");
    }

    @Test
    void miniBatchesOfOneAreStochasticGradientDescent()
    {
        final TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.SGD).lr(0.01)
            .batchSize(1)
            .epochs(20).precision(Precision.F64).build();

        final TrainingResult a = Trainer.train(backend, diabetes, config);
        final TrainingResult b = Trainer.train(backend, diabetes, config);
        final TrainingResult c = Trainer.train(backend, diabetes,
            config.toBuilder().seed(7).build());

        assertTrue(a.metrics().get("mse") < 1.05 * DIABETES_OLS_MSE, a.metrics()::toString);
        assertArrayEquals(a.lossHistory(), b.lossHistory(), "the same seed gives the same run");
        assertTrue(a.finalLoss() != c.finalLoss(), "another seed gives another order");
    }

    @Test
    void everyOptimizerConvergesOnDiabetes()
    {
        for (final OptimizerKind kind : OptimizerKind.values())
        {
            final TrainingConfig config = TrainingConfig.builder().optimizer(kind)
                .precision(Precision.F64)
                .lr(kind == OptimizerKind.EMA ? 0.5 : 0.1).epochs(2000).build();

            final TrainingResult r = Trainer.train(backend, diabetes, config);

            assertTrue(r.metrics().get("mse") <= DIABETES_OLS_MSE * 1.001, kind + ": "
                + r.metrics());
        }
    }

    @Test
    void toleranceEndsARunWithAHugeEpochLimit()
    {
        final TrainingConfig config = TrainingConfig.builder()
            .epochs(Integer.MAX_VALUE).tolerance(1e-7)
            .precision(Precision.F64).build();

        final TrainingResult r = Trainer.train(backend, diabetes, config);

        assertEquals(StopReason.TOLERANCE, r.stopReason());
        assertTrue(r.epochsRun() < 10_000, "epochs run: " + r.epochsRun());
        assertEquals(r.epochsRun(), r.lossHistory().length);
        assertTrue(r.metrics().get("mse") <= DIABETES_OLS_MSE * 1.001, r.metrics()::toString);
    }

    @Test
    void divergenceThrowsInsteadOfReturningNonFiniteWeights()
    {
        final TrainingConfig config = TrainingConfig.builder().lr(50).build();

        final TrainingDivergedException e =
            assertThrows(TrainingDivergedException.class, () -> Trainer.train(backend, diabetes,
                config));

        assertTrue(e.getMessage().startsWith("training diverged at epoch " + e.epoch()
            + " of 500: "), e.getMessage());
        assertEquals(e.epoch(), e.lossHistory().length);
    }

    @Test
    void rawFeaturesWithALargeStepDivergeAndSaySo()
    {
        final TrainingConfig config = TrainingConfig.builder().standardize(false).build();

        final TrainingDivergedException e =
            assertThrows(TrainingDivergedException.class, () -> Trainer.train(backend, diabetes,
                config));

        assertTrue(e.getMessage().endsWith(" (lr=0.1, momentum=0.9); try a smaller learning "
            + "rate, a smaller momentum or standardised features"),
            e.getMessage());
    }

    @Test
    void constantColumnKeepsAZeroWeight()
    {
        final Dataset d = Dataset.of("t", List.of("c", "x"), "y",
            new double[] {5, 1, 5, 2, 5, 3, 5, 4}, new double[] {3, 5, 7, 9});

        final TrainingResult r = Trainer.train(backend, d,
            TrainingConfig.builder().precision(Precision.F64).build());

        assertEquals(0.0, r.model().weights()[0], 0.0);
        assertEquals(11.0, r.model().predict(new double[] {5, 5}), 1e-6);
    }

    /** Mean squared error of the least-squares fit with intercept, by the normal equations. */
    private static double leastSquaresMse(final Dataset d)
    {
        final double[] x = Standardizer.fit(d).apply(d.features());
        final int m = d.rows();
        final int n = d.cols() + 1;
        final double[][] a = new double[n][n + 1];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                final double xj = j < n - 1 ? x[i * (n - 1) + j] : 1.0;
                for (int k = 0; k < n; k++)
                {
                    a[j][k] += xj * (k < n - 1 ? x[i * (n - 1) + k] : 1.0);
                }
                a[j][n] += xj * d.target(i);
            }
        }
        final double[] w = solve(a);
        double squares = 0;
        for (int i = 0; i < m; i++)
        {
            double z = w[n - 1];
            for (int j = 0; j < n - 1; j++)
            {
                z += w[j] * x[i * (n - 1) + j];
            }
            squares += (z - d.target(i)) * (z - d.target(i));
        }
        return squares / m;
    }

    /** Gaussian elimination with partial pivoting on an augmented n x (n + 1) system. */
    private static double[] solve(final double[][] a)
    {
        final int n = a.length;
        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++)
            {
                pivot = Math.abs(a[r][c]) > Math.abs(a[pivot][c]) ? r : pivot;
            }
            final double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = c + 1; r < n; r++)
            {
                final double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++)
                {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        final double[] w = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++)
            {
                s -= a[r][k] * w[k];
            }
            w[r] = s / a[r][r];
        }
        return w;
    }
}
