package io.descent.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The advice a diverged run gives names what sets the step size, not only the learning rate. */
class DivergenceHintTest
{
    @Test
    void sgdNamesOnlyTheLearningRate()
    {
        final TrainingConfig c = TrainingConfig.builder().optimizer(OptimizerKind.SGD).lr(3)
            .build();

        assertEquals("(lr=3.0); try a smaller learning rate", Trainer.hint(c));
    }

    @Test
    void momentumIsNamedWithTheLearningRate()
    {
        final TrainingConfig c = TrainingConfig.builder().momentum(0.99).build();

        assertEquals("(lr=0.1, momentum=0.99); try a smaller learning rate or a smaller momentum",
            Trainer.hint(c));
    }

    @Test
    void emaCallsItsCoefficientBeta()
    {
        final TrainingConfig c = TrainingConfig.builder().optimizer(OptimizerKind.EMA).build();

        assertEquals("(lr=0.1, beta=0.9); try a smaller learning rate or a smaller beta",
            Trainer.hint(c));
    }

    @Test
    void weightDecayTooLargeForTheStepComesFirst()
    {
        final TrainingConfig c = TrainingConfig.builder().weightDecay(1e308).build();

        assertEquals("(lr=0.1, momentum=0.9, weight decay=1.0E308); try a smaller weight decay "
            + "(lr x weight decay = 1.0000000000000001E307; above 2 the decay alone makes every "
            + "step overshoot), a smaller learning rate or a smaller momentum", Trainer.hint(c));
    }

    @Test
    void modestWeightDecayAndRawFeaturesAreSuggestedLast()
    {
        final TrainingConfig c = TrainingConfig.builder().weightDecay(0.5).standardize(false)
            .build();

        assertEquals("(lr=0.1, momentum=0.9, weight decay=0.5); try a smaller learning rate, a "
            + "smaller momentum, a smaller weight decay or standardised features",
            Trainer.hint(c));
    }
}
