package io.descent.train;

import io.descent.backend.UpdateRule;
import io.descent.memory.Precision;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingConfigTest
{
    private static String rejection(final TrainingConfig.Builder builder)
    {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void defaultsAreFullBatchMomentumOnStandardisedFeatures()
    {
        final TrainingConfig c = TrainingConfig.builder().build();

        assertEquals(Model.LINEAR, c.model());
        assertEquals(OptimizerKind.MOMENTUM, c.optimizer());
        assertEquals(0.1, c.lr());
        assertEquals(0.9, c.momentum());
        assertEquals(500, c.epochs());
        assertTrue(c.fullBatch());
        assertTrue(c.standardize());
        assertEquals(Precision.F32, c.precision());
        assertEquals("momentum (lr=0.1, momentum=0.9)", c.describeOptimizer());
    }

    @Test
    void optimizerKindsMapToTheirUpdateRules()
    {
        final TrainingConfig.Builder b = TrainingConfig.builder();

        assertEquals(UpdateRule.Kind.PLAIN, b.optimizer(OptimizerKind.SGD).build().updateRule()
            .kind());
        assertTrue(b.optimizer(OptimizerKind.NESTEROV).build().updateRule().nesterov());
        assertEquals(UpdateRule.Kind.EMA, b.optimizer(OptimizerKind.EMA).build().updateRule()
            .kind());
        assertEquals(UpdateRule.Kind.VELOCITY, b.optimizer(OptimizerKind.VELOCITY).build()
            .updateRule().kind());
    }

    @Test
    void invalidValuesAreRejectedWithTheValue()
    {
        assertEquals("epochs must be >= 1: epochs=0", rejection(TrainingConfig.builder()
            .epochs(0)));
        assertEquals("batch size must be >= 1, or 0 for the full batch: batchSize=-2",
            rejection(TrainingConfig.builder().batchSize(-2)));
        assertEquals("tolerance must be finite and >= 0: tolerance=NaN",
            rejection(TrainingConfig.builder().tolerance(Double.NaN)));
        assertTrue(rejection(TrainingConfig.builder().lr(-0.1)).contains("lr=-0.1"));
        assertEquals("dampening applies to the momentum optimiser only: optimizer=ema, "
            + "dampening=0.5",
            rejection(TrainingConfig.builder().optimizer(OptimizerKind.EMA).dampening(0.5)));
        assertEquals("Nesterov applies to the momentum and velocity optimisers only: optimizer=sgd",
            rejection(TrainingConfig.builder().optimizer(OptimizerKind.SGD).nesterov(true)));
    }

    @Test
    void parsersNameTheAcceptedValues()
    {
        assertEquals(Model.LOGISTIC, Model.parse("Logistic"));
        assertEquals("model must be linear or logistic: tree",
            assertThrows(IllegalArgumentException.class, () -> Model.parse("tree")).getMessage());
        assertEquals("optimizer must be one of sgd, momentum, nesterov, ema, velocity: adam",
            assertThrows(IllegalArgumentException.class,
                () -> OptimizerKind.parse("adam")).getMessage());
    }

    @Test
    void learningRateMustBePositiveAndFinite()
    {
        assertEquals("learning rate must be finite and > 0: lr=0.0",
            rejection(TrainingConfig.builder().lr(0.0)));
        assertEquals("learning rate must be finite and > 0: lr=NaN",
            rejection(TrainingConfig.builder().lr(Double.NaN)));
        assertEquals("learning rate must be finite and > 0: lr=Infinity",
            rejection(TrainingConfig.builder().lr(Double.POSITIVE_INFINITY)));
    }

    @Test
    void momentumMustBeBelowOne()
    {
        assertEquals("momentum must be in [0, 1): momentum=1.5",
            rejection(TrainingConfig.builder().momentum(1.5)));
        assertEquals("momentum must be in [0, 1): momentum=1.0",
            rejection(TrainingConfig.builder().optimizer(OptimizerKind.VELOCITY).momentum(1.0)));
        assertEquals("momentum must be in [0, 1): momentum=-0.1",
            rejection(TrainingConfig.builder().optimizer(OptimizerKind.NESTEROV).momentum(-0.1)));
        assertEquals("EMA beta must be in [0, 1): beta=1.0",
            rejection(TrainingConfig.builder().optimizer(OptimizerKind.EMA).momentum(1.0)));
    }

    @Test
    void dampeningMustBeBetweenZeroAndOne()
    {
        assertEquals("dampening must be in [0, 1]: dampening=2.0",
            rejection(TrainingConfig.builder().dampening(2.0)));
        assertEquals(1.0, TrainingConfig.builder().dampening(1.0).build().dampening());
    }

    @Test
    void sgdHasNoMomentumAndRefusesOne()
    {
        final TrainingConfig sgd = TrainingConfig.builder().optimizer(OptimizerKind.SGD).build();

        assertEquals(0.0, sgd.momentum());
        assertEquals("sgd (lr=0.1)", sgd.describeOptimizer());
        assertEquals("momentum applies to the momentum, nesterov, ema and velocity optimisers "
            + "only: optimizer=sgd, momentum=0.5",
            rejection(TrainingConfig.builder().optimizer(OptimizerKind.SGD).momentum(0.5)));
    }
}
