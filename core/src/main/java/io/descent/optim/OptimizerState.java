package io.descent.optim;

import io.descent.backend.UpdateRule;

/**
 * A host copy of an optimiser's state, for checkpoints: the rule it was made with, the number
 * of steps taken, and its buffer (momentum buffer or velocity), or null when the rule keeps none
 * or no step has been taken yet.
 */
public record OptimizerState(UpdateRule rule, long steps, double[] buffer)
{
    public OptimizerState
    {
        if (rule == null)
        {
            throw new IllegalArgumentException("state needs the rule it belongs to");
        }
        if (steps < 0)
        {
            throw new IllegalArgumentException("steps must be >= 0: steps=" + steps);
        }
        buffer = buffer == null ? null : buffer.clone();
    }

    @Override
    public double[] buffer()
    {
        return buffer == null ? null : buffer.clone();
    }
}
