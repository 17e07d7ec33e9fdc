package io.descent.opencl;

import io.descent.backend.Backend;
import io.descent.backend.UpdateRule;
import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;

/**
 * A measurement, not a test: times one momentum step on 2^22 elements against reading the same
 * vector back to the host, to show that a step moves no data. Run it from the module's test
 * classpath: {@code java -cp ... io.descent.opencl.StepTimer [f32|f64] [log2 length]}.
 */
public final class StepTimer
{
    private StepTimer()
    {
    }

    public static void main(final String[] args)
    {
        final Precision p = args.length > 0 ? Precision.parse(args[0]) : Precision.F32;
        final int n = 1 << (args.length > 1 ? Integer.parseInt(args[1]) : 22);
        final int rounds = 20;
        try (Backend backend = new Backend(OpenClEngine.open());
             DeviceVector theta = backend.allocate(p, n);
             DeviceVector grad = backend.allocate(p, n);
             DeviceVector state = backend.allocate(p, n))
        {
            grad.fill(0.5);
            final UpdateRule rule = UpdateRule.momentum(0.01, 0.9, 0.0, 0.0, true, false);
            double sink = 0;
            for (int warm = 0; warm < 3; warm++)
            {
                backend.update(rule, theta, grad, state, warm == 0);
                sink += theta.toDoubleArray()[0];
            }

            final long stepStart = System.nanoTime();
            for (int i = 0; i < rounds; i++)
            {
                backend.update(rule, theta, grad, state, false);
            }
            final long stepNs = (System.nanoTime() - stepStart) / rounds;

            final long readStart = System.nanoTime();
            for (int i = 0; i < rounds; i++)
            {
                sink += theta.toDoubleArray()[i];
            }
            final long readNs = (System.nanoTime() - readStart) / rounds;

            System.out.printf("%s on %s, n=%d: step %.3f ms, read to host %.3f ms (sink %.3g)%n",
                p, backend.device(), n, stepNs / 1e6, readNs / 1e6, sink);
        }
    }
}
