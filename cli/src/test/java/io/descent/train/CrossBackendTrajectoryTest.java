package io.descent.train;

import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.backend.BackendStatus;
import io.descent.conformance.Requirement;
import io.descent.cpu.SkewedBackendProvider;
import io.descent.data.DataSources;
import io.descent.data.Dataset;
import io.descent.memory.Precision;
import io.descent.verify.Tolerance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same training run on two backends ends within {@link Tolerance#trajectory} of each other.
 * Runs every pair of backends on the class path; a pair with an unavailable backend, or a
 * precision one of them refuses, is skipped with the reason (or fails when
 * {@code -Ddescent.require} names the backend). The deliberately wrong test backend
 * {@link SkewedBackendProvider} is left out.
 */
class CrossBackendTrajectoryTest
{
    static Stream<Arguments> pairs()
    {
        final List<String> names = new ArrayList<>(BackendRegistry.load().names());
        names.remove(SkewedBackendProvider.NAME);
        final List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++)
        {
            for (int j = i + 1; j < names.size(); j++)
            {
                for (final Precision p : Precision.values())
                {
                    for (final String run : List.of("linear full batch", "logistic mini-batch"))
                    {
                        out.add(Arguments.of(names.get(i), names.get(j), p, run));
                    }
                }
            }
        }
        if (out.isEmpty())
        {
            out.add(Arguments.of("java", null, Precision.F32, "linear full batch"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} vs {1}, {2}, {3}")
    @MethodSource("pairs")
    void finalLossesAgreeWithinTheTrajectoryTolerance(
        final String first, final String second, final Precision p,
            final String run) throws IOException
    {
        Assumptions.assumeTrue(second != null, "only one backend on the class path ("
            + first + "): no pair to compare");
        final BackendRegistry registry = BackendRegistry.load();
        final BackendStatus a = registry.status(first);
        final BackendStatus b = registry.status(second);
        Requirement.assumeAvailable(a);
        Requirement.assumeAvailable(b);
        final boolean linear = run.startsWith("linear");
        final Dataset data = DataSources.embedded(linear ? "diabetes" : "breast_cancer", null);
        final TrainingConfig config = TrainingConfig.builder().model(linear
            ? Model.LINEAR : Model.LOGISTIC)
            .batchSize(linear ? 0 : 32).epochs(linear ? 500 : 50).precision(p).build();

        final TrainingResult ra = trainOn(registry, first, data, config);
        final TrainingResult rb = trainOn(registry, second, data, config);

        assertEquals(ra.epochsRun(), rb.epochsRun());
        final double allowed = Tolerance.trajectory(p) * Math.abs(ra.finalLoss());
        assertTrue(Math.abs(ra.finalLoss() - rb.finalLoss()) <= allowed, first + " "
            + ra.finalLoss() + " vs "
            + second + " " + rb.finalLoss() + ", allowed " + allowed);
    }

    private static TrainingResult trainOn(
        final BackendRegistry registry, final String name, final Dataset data,
            final TrainingConfig config)
    {
        try (Backend backend = registry.open(name))
        {
            Assumptions.assumeTrue(backend.supports(config.precision()),
                name + " does not support " + config.precision());
            return Trainer.train(backend, data, config);
        }
    }
}
