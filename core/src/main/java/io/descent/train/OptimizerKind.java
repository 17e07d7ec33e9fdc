package io.descent.train;

import java.util.Locale;

/**
 * The optimisers the trainer can build, see {@link io.descent.optim.Sgd} and
 * {@link io.descent.optim.Momentum} for their update rules.
 */
public enum OptimizerKind
{
    /** Plain steps: θ ← θ - lr·g. Has no buffer, so a momentum other than 0 is an error. */
    SGD,
    /** PyTorch momentum: b ← μb + (1-τ)g, θ ← θ - lr·b. */
    MOMENTUM,
    /** PyTorch momentum with Nesterov's look-ahead: θ ← θ - lr·(g + μb); needs τ = 0. */
    NESTEROV,
    /**
     * Exponential moving average of the gradient: b ← βb + (1-β)g, θ ← θ - lr·b (β is the
     * momentum).
     */
    EMA,
    /** Velocity form: v ← μv - lr·g, θ ← θ + v. */
    VELOCITY;

    /**
     * Parses a name such as {@code momentum}, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values otherwise.
     */
    public static OptimizerKind parse(final String text)
    {
        for (final OptimizerKind k : values())
        {
            if (k.name().equalsIgnoreCase(text.strip()))
            {
                return k;
            }
        }
        throw new IllegalArgumentException("optimizer must be one of sgd, momentum, nesterov, "
            + "ema, velocity: " + text);
    }

    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
