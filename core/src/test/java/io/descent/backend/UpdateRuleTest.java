package io.descent.backend;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UpdateRuleTest
{
    @Test
    void negativeLearningRateIsRejectedWithItsValue()
    {
        assertMessage("learning rate must be finite and >= 0: lr=-0.1",
            () -> UpdateRule.plain(-0.1, 0.0, false));
    }

    @Test
    void nonFiniteHyperparametersAreRejected()
    {
        assertMessage("learning rate must be finite and >= 0: lr=NaN",
            () -> UpdateRule.plain(Double.NaN, 0, false));
        assertMessage("momentum must be finite and >= 0: momentum=Infinity",
            () -> UpdateRule.momentum(0.1, Double.POSITIVE_INFINITY, 0, 0, false, false));
        assertMessage("dampening must be finite and >= 0: dampening=-0.5",
            () -> UpdateRule.momentum(0.1, 0.9, -0.5, 0, false, false));
        assertMessage("weight decay must be finite and >= 0: weightDecay=-1.0E-4",
            () -> UpdateRule.velocity(0.1, 0.9, -1e-4, false, false));
    }

    @Test
    void nesterovNeedsMomentumAndNoDampening()
    {
        assertMessage("Nesterov requires momentum > 0: momentum=0.0",
            () -> UpdateRule.momentum(0.1, 0.0, 0.0, 0.0, true, false));
        assertMessage("Nesterov requires dampening = 0: dampening=0.1",
            () -> UpdateRule.momentum(0.1, 0.9, 0.1, 0.0, true, false));
        assertMessage("Nesterov requires momentum > 0: momentum=0.0",
            () -> UpdateRule.velocity(0.1, 0.0, 0.0, true, false));
    }

    @Test
    void emaCoefficientMustBeAtMostOne()
    {
        assertMessage("EMA coefficient must be in [0, 1]: beta=1.5",
            () -> UpdateRule.ema(0.1, 1.5, 0.0, false));
    }

    @Test
    void changingTheLearningRateKeepsEverythingElse()
    {
        final UpdateRule rule = UpdateRule.momentum(0.1, 0.9, 0.2, 0.01, false, true);

        final UpdateRule changed = rule.withLearningRate(0.05);

        assertEquals(UpdateRule.momentum(0.05, 0.9, 0.2, 0.01, false, true), changed);
        assertMessage("learning rate must be finite and >= 0: lr=-1.0",
            () -> rule.withLearningRate(-1.0));
    }

    private static void assertMessage(
        final String expected, final org.junit.jupiter.api.function.Executable call)
    {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
