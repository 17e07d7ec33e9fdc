package io.descent.train;

import io.descent.backend.Backend;
import io.descent.optim.Momentum;
import io.descent.optim.Optimizer;
import io.descent.optim.Sgd;

/** Builds the optimiser a {@link TrainingConfig} names. */
final class Optimizers
{
    private Optimizers()
    {
    }

    static Optimizer create(final Backend backend, final TrainingConfig c)
    {
        return switch (c.optimizer())
        {
            case SGD -> Sgd.create(backend, c.lr(), c.weightDecay(), false);
            case MOMENTUM, NESTEROV -> Momentum.pytorch(backend).lr(c.lr()).momentum(c.momentum())
                .dampening(c.dampening()).weightDecay(c.weightDecay())
                .nesterov(c.nesterov() || c.optimizer() == OptimizerKind.NESTEROV).build();
            case EMA -> Momentum.ema(backend).lr(c.lr()).momentum(c.momentum())
                .weightDecay(c.weightDecay()).build();
            case VELOCITY -> Momentum.velocity(backend).lr(c.lr()).momentum(c.momentum())
                .weightDecay(c.weightDecay()).nesterov(c.nesterov()).build();
        };
    }
}
