package io.descent.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MomentumBuilderTest
{
    @Test
    void emaRefusesNesterovInsteadOfDroppingIt()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Momentum.ema(null).nesterov(true).build());

        assertEquals("Nesterov applies to the PyTorch and velocity forms only: form=EMA",
            e.getMessage());
    }
}
