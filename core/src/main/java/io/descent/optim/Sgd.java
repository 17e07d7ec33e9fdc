package io.descent.optim;

import io.descent.backend.Backend;
import io.descent.backend.UpdateRule;

/**
 * Plain gradient descent: θ ← θ - lr·(g + λθ), with g negated first when maximising. Keeps
 * no state. Full-batch gradients make it gradient descent, mini-batch gradients make it SGD.
 */
public final class Sgd extends Optimizer
{
    Sgd(final Backend backend, final UpdateRule rule)
    {
        super(backend, rule);
    }

    /** @throws IllegalArgumentException for a negative or non-finite lr or weight decay. */
    public static Sgd create(
        final Backend backend, final double lr, final double weightDecay, final boolean maximize)
    {
        return new Sgd(backend, UpdateRule.plain(lr, weightDecay, maximize));
    }

    /** @return plain descent with learning rate {@code lr} and no weight decay. */
    public static Sgd create(final Backend backend, final double lr)
    {
        return create(backend, lr, 0.0, false);
    }
}
