package io.descent.cpu;

import io.descent.backend.Backend;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceVector;
import io.descent.verify.ConformanceChecks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks behind {@code descent verify} pass on the Java backend and catch a wrong kernel. */
class VerifyChecksTest
{
    @Test
    void javaBackendPassesEveryCheck()
    {
        try (Backend backend = new Backend(JavaBackendProvider.open(2)))
        {
            final List<ConformanceChecks.Result> results = ConformanceChecks.run(backend);

            assertTrue(results.size() > 20, "too few checks ran: " + results.size());
            results.forEach(r -> assertTrue(r.passed() && !r.skipped(), r.toString()));
        }
    }

    @Test
    void aKernelOffByOnePartInTenThousandFails()
    {
        try (Backend backend = new Backend(new SkewedEngine()))
        {
            final List<ConformanceChecks.Result> results = ConformanceChecks.run(backend);

            assertFalse(ConformanceChecks.allPassed(results));
            assertTrue(
                results.stream()
                    .filter(r -> !r.passed())
                    .allMatch(r -> r.kernel().startsWith("update")),
                "only the skewed update kernels should fail: " + results);
        }
    }

    /** The Java engine, but every update runs with a learning rate 1e-4 too large. */
    private static final class SkewedEngine extends JavaEngine
    {
        SkewedEngine()
        {
            super(1, "skewed Java engine");
        }

        @Override
        public void update(
            final UpdateRule r,
            final DeviceVector t,
            final DeviceVector g,
            final DeviceVector s,
            final boolean first)
        {
            super.update(r.withLearningRate(r.lr() * 1.0001), t, g, s, first);
        }
    }
}
