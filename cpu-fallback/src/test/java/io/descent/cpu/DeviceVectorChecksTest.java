package io.descent.cpu;

import io.descent.backend.Backend;
import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeviceVectorChecksTest
{
    private final Backend backend = new Backend(JavaBackendProvider.open(1));

    @Test
    void fillBeyondTheF32RangeIsRejectedNotStoredAsInfinity()
    {
        try (DeviceVector v = backend.vector(new float[] {1.0f}))
        {
            final IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> v.fill(1e300));

            assertEquals("value out of F32 range: 1.0E300", e.getMessage());
            assertArrayEquals(new float[] {1.0f}, v.toFloatArray());
        }
    }

    @Test
    void negativeMatrixShapeNamesTheConstraint()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> backend.matrix(Precision.F32, -1, 2));

        assertEquals("rows and cols must be >= 0: rows=-1, cols=2", e.getMessage());
    }

    @Test
    void writeRoundedNarrowsToNearestFloat()
    {
        try (DeviceVector v = backend.vector(Precision.F32, new double[] {0.1, -1e-50}))
        {
            assertArrayEquals(new float[] {0.1f, -0.0f}, v.toFloatArray());
        }
    }
}
