package io.descent.cpu;

import io.descent.backend.Backend;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same inputs give bit-identical results on 1, 2 and 5 threads. */
class ThreadCountIndependenceTest
{
    private static final int ROWS = 20_000;
    private static final int COLS = 24;

    @Test
    void gradientsReductionsAndUpdatesAreBitIdenticalForAnyThreadCount()
    {
        final Outcome one = run(1);

        for (final int threads : new int[] {2, 5})
        {
            final Outcome other = run(threads);
            assertEquals(one.loss, other.loss, 0.0, "loss on " + threads + " threads");
            assertArrayEquals(one.grad, other.grad, "gradient on " + threads + " threads");
            assertEquals(one.dot, other.dot, 0.0, "dot on " + threads + " threads");
            assertArrayEquals(one.theta, other.theta, "update on " + threads + " threads");
        }
    }

    private record Outcome(double loss, float[] grad, double dot, float[] theta)
    {
    }

    private static Outcome run(final int threads)
    {
        final SplittableRandom random = new SplittableRandom(3);
        final float[] x = new float[ROWS * COLS];
        final float[] y = new float[ROWS];
        final float[] w = new float[COLS + 1];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = (float)random.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++)
        {
            y[i] = (float)random.nextDouble(-3, 3);
        }
        for (int i = 0; i < w.length; i++)
        {
            w[i] = (float)random.nextDouble(-1, 1);
        }

        try (Backend backend = new Backend(JavaBackendProvider.open(threads));
             DeviceMatrix dx = backend.matrix(x, ROWS, COLS);
             DeviceVector dy = backend.vector(y);
             DeviceVector dw = backend.vector(w);
             DeviceVector dg = backend.allocate(dw.precision(), COLS + 1);
             DeviceVector state = backend.allocate(dx.precision(), (long)ROWS * COLS);
             DeviceVector theta = backend.vector(x.clone()))
        {
            final double loss =
                backend.lossAndGradient(LossFunction.LEAST_SQUARES, dx, dy, dw, dg, Rows.all());
            final double dot = backend.dot(dx.data(), theta);
            backend.update(
                UpdateRule.momentum(0.1, 0.9, 0.0, 0.0, true, false),
                theta,
                dx.data(),
                state,
                true);
            return new Outcome(loss, dg.toFloatArray(), dot, theta.toFloatArray());
        }
    }
}
