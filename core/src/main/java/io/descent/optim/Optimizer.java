package io.descent.optim;

import io.descent.backend.Backend;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceVector;

import java.util.Objects;

/**
 * Applies one {@link UpdateRule} step after step to a parameter vector, keeping its state (the
 * momentum buffer or velocity) on the backend. A step is one kernel launch over the whole
 * vector, however many tensors a {@link io.descent.memory.ParameterBlock} packs into it, and
 * copies nothing between host and device.
 *
 * <p>The state is allocated on the first step with the length and precision of the parameters;
 * later steps must pass vectors of that length and precision. Not thread-safe.
 */
public abstract class Optimizer implements AutoCloseable
{
    private final Backend backend;
    private UpdateRule rule;
    private DeviceVector state;
    private double[] pendingState;
    private long steps;
    private boolean closed;

    protected Optimizer(final Backend backend, final UpdateRule rule)
    {
        this.backend = Objects.requireNonNull(backend, "backend");
        if (backend.isClosed())
        {
            throw new IllegalStateException("backend is closed: " + backend.name());
        }
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * @return the optimiser that applies {@code rule} (already validated by its constructor):
     *     {@link Sgd} for {@code PLAIN}, {@link Momentum} for the three momentum forms.
     */
    public static Optimizer of(final Backend backend, final UpdateRule rule)
    {
        Objects.requireNonNull(rule, "rule");
        return rule.kind() == UpdateRule.Kind.PLAIN
            ? new Sgd(backend, rule) : new Momentum(backend, rule);
    }

    /**
     * Updates {@code params} in place from {@code grad}. Reads grad; writes params and the
     * state. On a rejected argument nothing is modified and the step count stays.
     */
    public final void step(final DeviceVector params, final DeviceVector grad)
    {
        checkOpen();
        Objects.requireNonNull(params, "params");
        DeviceVector s = state;
        final boolean fresh = rule.kind().hasState() && s == null;
        if (fresh)
        {
            params.checkOpen();
            s = backend.allocate(params.precision(), params.length());
        }

        try
        {
            if (fresh && pendingState != null)
            {
                checkStateLength(pendingState.length, params.length());
                s.writeRounded(pendingState);
            }
            backend.update(rule, params, grad, s, steps == 0 && pendingState == null);
        }
        catch (final RuntimeException e)
        {
            if (fresh)
            {
                s.close();
            }
            throw e;
        }

        state = s;
        pendingState = null;
        steps++;
    }

    /** @return the number of steps taken (or imported). */
    public final long steps()
    {
        return steps;
    }

    /** @return the rule applied, including the current learning rate. */
    public final UpdateRule rule()
    {
        return rule;
    }

    public final double learningRate()
    {
        return rule.lr();
    }

    /**
     * Changes the learning rate for later steps (a schedule).
     *
     * @throws IllegalArgumentException unless {@code lr} is finite and {@code >= 0}; nothing
     *                                  changes then.
     */
    public final void setLearningRate(final double lr)
    {
        rule = rule.withLearningRate(lr);
    }

    /** @return a host copy of the step count and the state buffer. */
    public final OptimizerState exportState()
    {
        final double[] buffer = state != null ? state.toDoubleArray() : pendingState;
        return new OptimizerState(rule, steps, buffer);
    }

    /**
     * Restores a state exported from an optimiser of the same update kind. The buffer must
     * match the parameters' length; it is checked now if the state exists, else at the next step.
     */
    public final void importState(final OptimizerState imported)
    {
        checkOpen();
        Objects.requireNonNull(imported, "imported");
        if (imported.rule().kind() != rule.kind())
        {
            throw new IllegalArgumentException("state is for another update kind: state="
                + imported.rule().kind() + ", optimiser=" + rule.kind());
        }
        final double[] buffer = imported.buffer();
        if (rule.kind().hasState() && imported.steps() > 0 && buffer == null)
        {
            throw new IllegalArgumentException(
                "state after " + imported.steps() + " steps must hold a buffer");
        }
        if (state != null && buffer != null)
        {
            checkStateLength(buffer.length, state.length());
        }

        if (state != null && buffer != null)
        {
            state.writeRounded(buffer);
        }
        else if (state != null)
        {
            state.close();
            state = null;
        }
        pendingState = state == null ? buffer : null;
        steps = imported.steps();
    }

    /** Frees the state on the backend; later steps throw {@link IllegalStateException}. */
    @Override
    public final void close()
    {
        closed = true;
        pendingState = null;
        if (state != null)
        {
            state.close();
            state = null;
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("optimiser is closed: " + rule.kind() + " after "
                + steps + " steps");
        }
    }

    private static void checkStateLength(final long stateLength, final long paramsLength)
    {
        if (stateLength != paramsLength)
        {
            throw new IllegalArgumentException(
                "state length must equal the parameter length: state=" + stateLength
                + ", params=" + paramsLength);
        }
    }
}
