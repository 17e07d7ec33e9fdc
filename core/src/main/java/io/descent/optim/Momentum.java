package io.descent.optim;

import io.descent.backend.Backend;
import io.descent.backend.UpdateRule;

/**
 * Gradient descent with momentum in one of three forms (see {@link UpdateRule}):
 * <ul>
 * <li>{@link Form#PYTORCH}: b ← g on the first step, then b ← μb + (1-τ)g;
 *     θ ← θ - lr·b, or θ ← θ - lr·(g + μb) with Nesterov. Same as
 *     {@code torch.optim.SGD}.</li>
 * <li>{@link Form#EMA}: b ← βb + (1-β)g from b = 0; θ ← θ - lr·b.</li>
 * <li>{@link Form#VELOCITY}: v ← μv - lr·g; θ ← θ + v, or θ ← θ + μv - lr·g
 *     with Nesterov.</li>
 * </ul>
 * Build one with {@link #pytorch(Backend)}, {@link #ema(Backend)} or {@link #velocity(Backend)};
 * hyperparameters are validated by {@link Builder#build()}, before any state exists.
 */
public final class Momentum extends Optimizer
{
    /** Which momentum formulation. */
    public enum Form
    {
        PYTORCH, EMA, VELOCITY
    }

    Momentum(final Backend backend, final UpdateRule rule)
    {
        super(backend, rule);
    }

    public static Builder pytorch(final Backend backend)
    {
        return new Builder(backend, Form.PYTORCH);
    }

    public static Builder ema(final Backend backend)
    {
        return new Builder(backend, Form.EMA);
    }

    public static Builder velocity(final Backend backend)
    {
        return new Builder(backend, Form.VELOCITY);
    }

    /** Hyperparameters; defaults lr = 0.01, μ (or β) = 0.9, τ = 0, λ = 0, no Nesterov. */
    public static final class Builder
    {
        private final Backend backend;
        private final Form form;
        private double lr = 0.01;
        private double momentum = 0.9;
        private double dampening;
        private double weightDecay;
        private boolean nesterov;
        private boolean maximize;

        private Builder(final Backend backend, final Form form)
        {
            this.backend = backend;
            this.form = form;
        }

        public Builder lr(final double value)
        {
            lr = value;
            return this;
        }

        /** μ for the PyTorch and velocity forms, β for EMA. */
        public Builder momentum(final double value)
        {
            momentum = value;
            return this;
        }

        /** τ, PyTorch form only. */
        public Builder dampening(final double value)
        {
            dampening = value;
            return this;
        }

        public Builder weightDecay(final double value)
        {
            weightDecay = value;
            return this;
        }

        public Builder nesterov(final boolean value)
        {
            nesterov = value;
            return this;
        }

        public Builder maximize(final boolean value)
        {
            maximize = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the offending hyperparameter and value. */
        public Momentum build()
        {
            if (form == Form.EMA && nesterov)
            {
                throw new IllegalArgumentException(
                    "Nesterov applies to the PyTorch and velocity forms only: form=EMA");
            }
            if (form != Form.PYTORCH && dampening != 0.0)
            {
                throw new IllegalArgumentException(
                    "dampening applies to the PyTorch form only: dampening=" + dampening);
            }
            final UpdateRule rule = switch (form)
            {
                case PYTORCH -> UpdateRule.momentum(
                    lr, momentum, dampening, weightDecay, nesterov, maximize);
                case EMA -> UpdateRule.ema(lr, momentum, weightDecay, maximize);
                case VELOCITY -> UpdateRule.velocity(lr, momentum, weightDecay, nesterov, maximize);
            };
            return new Momentum(backend, rule);
        }
    }
}
