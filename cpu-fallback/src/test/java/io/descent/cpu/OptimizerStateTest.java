package io.descent.cpu;

import io.descent.backend.Backend;
import io.descent.memory.DeviceVector;
import io.descent.optim.Momentum;
import io.descent.optim.Optimizer;
import io.descent.optim.OptimizerState;
import io.descent.optim.Sgd;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptimizerStateTest
{
    private final Backend backend = new Backend(JavaBackendProvider.open(1));

    @Test
    void exportedStateResumesTheSameTrajectory()
    {
        final double[] g = {0.5, -1.0, 2.0};
        try (Optimizer first = Momentum.pytorch(backend).lr(0.1).momentum(0.9).build();
             Optimizer resumed = Momentum.pytorch(backend).lr(0.1).momentum(0.9).build();
             DeviceVector a = backend.vector(new double[3]);
             DeviceVector b = backend.vector(new double[3]);
             DeviceVector grad = backend.vector(g))
        {
            first.step(a, grad);
            first.step(a, grad);
            final OptimizerState saved = first.exportState();
            b.copyFrom(a);

            resumed.importState(saved);
            first.step(a, grad);
            resumed.step(b, grad);

            assertEquals(3, resumed.steps());
            assertArrayEquals(a.toDoubleArray(), b.toDoubleArray());
            assertArrayEquals(first.exportState().buffer(), resumed.exportState().buffer());
        }
    }

    @Test
    void rejectedStepChangesNothing()
    {
        try (Optimizer opt = Momentum.velocity(backend).lr(0.1).momentum(0.9).build();
             DeviceVector params = backend.vector(new float[] {1.0f, 2.0f});
             DeviceVector shortGrad = backend.vector(new float[] {1.0f}))
        {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opt.step(params, shortGrad));

            assertEquals("lengths must match: theta=2, grad=1", e.getMessage());
            assertEquals(0, opt.steps());
            assertNull(opt.exportState().buffer());
            assertArrayEquals(new float[] {1.0f, 2.0f}, params.toFloatArray());
        }
    }

    @Test
    void stateOfAnotherKindIsRefused()
    {
        try (Optimizer sgd = Sgd.create(backend, 0.1);
             Optimizer ema = Momentum.ema(backend).build())
        {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ema.importState(sgd.exportState()));
            assertEquals(
                "state is for another update kind: state=PLAIN, optimiser=EMA", e.getMessage());
        }
    }

    @Test
    void invalidHyperparametersAreRejectedAtBuildTime()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Momentum.pytorch(backend).momentum(0.9).dampening(0.1).nesterov(true).build());
        assertEquals("Nesterov requires dampening = 0: dampening=0.1", e.getMessage());
        assertEquals("dampening applies to the PyTorch form only: dampening=0.5", assertThrows(
            IllegalArgumentException.class,
            () -> Momentum.ema(backend).dampening(0.5).build()).getMessage());
    }

    @Test
    void learningRateScheduleIsValidated()
    {
        try (Optimizer opt = Sgd.create(backend, 0.1))
        {
            assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(Double.NaN));
            assertEquals(0.1, opt.learningRate());
            opt.setLearningRate(0.01);
            assertEquals(0.01, opt.learningRate());
        }
    }
}
