package io.descent.cpu;

import io.descent.backend.Backend;
import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;
import io.descent.optim.Momentum;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Closing is final: nothing keeps working quietly on a closed backend or optimiser. */
class ClosedResourcesTest
{
    @Test
    void closedOptimiserRefusesToStepInsteadOfForgettingItsMomentum()
    {
        try (Backend backend = new Backend(JavaBackendProvider.open(1));
             DeviceVector p = backend.vector(new float[] {1.0f});
             DeviceVector g = backend.vector(new float[] {1.0f}))
        {
            final Momentum m = Momentum.pytorch(backend).lr(0.1).momentum(0.9).build();
            m.step(p, g);
            m.close();

            final IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> m.step(p, g));

            assertEquals("optimiser is closed: MOMENTUM after 1 steps", e.getMessage());
            assertArrayEquals(new float[] {0.9f}, p.toFloatArray());
        }
    }

    @Test
    void closedBackendRefusesEveryKernelAndItsVectorsRefuseTransfers()
    {
        final Backend backend = new Backend(JavaBackendProvider.open(1));
        final DeviceVector v = backend.vector(new float[] {1.0f, 2.0f});
        backend.close();

        assertEquals("backend is closed: java",
            assertThrows(IllegalStateException.class, () -> backend.dot(v, v)).getMessage());
        assertThrows(IllegalStateException.class, () -> backend.allocate(Precision.F32, 4));
        assertEquals("backend is closed: java", assertThrows(IllegalStateException.class,
            () -> Momentum.pytorch(backend).build()).getMessage());
        assertEquals("java engine is closed",
            assertThrows(IllegalStateException.class, v::toFloatArray).getMessage());
        backend.close();
    }
}
