package io.descent.backend;

/**
 * The hyperparameters of one parameter-update kernel, validated when constructed: an instance
 * always holds finite, non-negative values and a consistent Nesterov setting.
 *
 * <p>Per element, with gradient g, parameter θ, state b (momentum buffer or velocity), learning
 * rate lr, momentum μ (β for EMA), dampening τ, weight decay λ, every form first computes
 * <pre>
 *   g ← -g        if maximize
 *   g ← g + λθ
 * </pre>
 * and then:
 * <ul>
 * <li>{@link Kind#PLAIN}: θ ← θ - lr·g.</li>
 * <li>{@link Kind#MOMENTUM} (PyTorch {@code SGD}): b ← g on the first step, else
 *     b ← μb + (1-τ)g; d ← g + μb if Nesterov, else d ← b; θ ← θ - lr·d.</li>
 * <li>{@link Kind#EMA}: b ← βb + (1-β)g (b starts at 0); θ ← θ - lr·b.</li>
 * <li>{@link Kind#VELOCITY} (Sutskever et al., Keras): v ← μv - lr·g; θ ← θ + v, or with
 *     Nesterov θ ← θ + μv - lr·g using the new v.</li>
 * </ul>
 * The forms agree for a constant learning rate up to a rescaling of the buffer and differ when
 * lr changes between steps.
 */
public record UpdateRule(
    Kind kind,
    double lr,
    double momentum,
    double dampening,
    double weightDecay,
    boolean nesterov,
    boolean maximize)
{
    /** The update formulas, see the class documentation. */
    public enum Kind
    {
        PLAIN, MOMENTUM, EMA, VELOCITY;

        /** @return whether the rule keeps a per-element state vector. */
        public boolean hasState()
        {
            return this != PLAIN;
        }
    }

    public UpdateRule
    {
        if (kind == null)
        {
            throw new IllegalArgumentException("update kind must not be null");
        }
        requireNonNegative("learning rate", "lr", lr);
        requireNonNegative("momentum", "momentum", momentum);
        requireNonNegative("dampening", "dampening", dampening);
        requireNonNegative("weight decay", "weightDecay", weightDecay);
        if (kind == Kind.EMA && momentum > 1.0)
        {
            throw new IllegalArgumentException(
                "EMA coefficient must be in [0, 1]: beta=" + momentum);
        }
        if (nesterov && (kind == Kind.PLAIN || kind == Kind.EMA))
        {
            throw new IllegalArgumentException(
                "Nesterov applies to the momentum and velocity forms only: kind=" + kind);
        }
        if (nesterov && momentum <= 0.0)
        {
            throw new IllegalArgumentException(
                "Nesterov requires momentum > 0: momentum=" + momentum);
        }
        if (nesterov && dampening != 0.0)
        {
            throw new IllegalArgumentException(
                "Nesterov requires dampening = 0: dampening=" + dampening);
        }
    }

    /** θ ← θ - lr·(g + λθ), with g negated first when maximising. */
    public static UpdateRule plain(
        final double lr, final double weightDecay, final boolean maximize)
    {
        return new UpdateRule(Kind.PLAIN, lr, 0.0, 0.0, weightDecay, false, maximize);
    }

    /** PyTorch's SGD with momentum; see the class documentation. */
    public static UpdateRule momentum(
        final double lr, final double momentum, final double dampening, final double weightDecay,
        final boolean nesterov, final boolean maximize)
    {
        return new UpdateRule(
            Kind.MOMENTUM, lr, momentum, dampening, weightDecay, nesterov, maximize);
    }

    /** Exponential moving average of gradients with coefficient {@code beta} in [0, 1]. */
    public static UpdateRule ema(
        final double lr, final double beta, final double weightDecay, final boolean maximize)
    {
        return new UpdateRule(Kind.EMA, lr, beta, 0.0, weightDecay, false, maximize);
    }

    /** Velocity form: v ← μv - lr·g; θ ← θ + v (or θ + μv - lr·g with Nesterov). */
    public static UpdateRule velocity(
        final double lr,
        final double momentum,
        final double weightDecay,
        final boolean nesterov,
        final boolean maximize)
    {
        return new UpdateRule(Kind.VELOCITY, lr, momentum, 0.0, weightDecay, nesterov, maximize);
    }

    /** @return the same rule with another learning rate, validated. */
    public UpdateRule withLearningRate(final double newLr)
    {
        return new UpdateRule(kind, newLr, momentum, dampening, weightDecay, nesterov, maximize);
    }

    private static void requireNonNegative(
        final String what, final String symbol, final double value)
    {
        if (!(value >= 0.0) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException(
                what + " must be finite and >= 0: " + symbol + "=" + value);
        }
    }
}
