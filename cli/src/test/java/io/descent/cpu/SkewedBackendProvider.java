package io.descent.cpu;

import io.descent.backend.Availability;
import io.descent.backend.BackendEngine;
import io.descent.backend.BackendProvider;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceVector;

/**
 * A deliberately wrong backend for testing {@code descent verify}: the Java engine with every
 * update step's learning rate 1e-4 too large. Unavailable unless the system property
 * {@value #ENABLE_PROPERTY} is {@code true}, so that it joins no other test's runs. It lives in
 * the Java backend's package because it extends that backend's engine.
 */
public final class SkewedBackendProvider implements BackendProvider
{
    public static final String NAME = "skewed";
    public static final String ENABLE_PROPERTY = "descent.test.skewed";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public int priority()
    {
        return -1;
    }

    @Override
    public Availability probe()
    {
        return Boolean.getBoolean(ENABLE_PROPERTY) ? Availability.available("skewed Java engine")
            : Availability.unavailable("test backend, enabled by -D" + ENABLE_PROPERTY + "=true");
    }

    @Override
    public BackendEngine open()
    {
        return new SkewedEngine();
    }

    private static final class SkewedEngine extends JavaEngine
    {
        SkewedEngine()
        {
            super(1, "skewed Java engine");
        }

        @Override
        public String name()
        {
            return NAME;
        }

        @Override
        public void update(
            final UpdateRule rule, final DeviceVector theta, final DeviceVector grad,
            final DeviceVector state, final boolean firstStep)
        {
            super.update(rule.withLearningRate(rule.lr() * 1.0001), theta, grad, state, firstStep);
        }
    }
}
