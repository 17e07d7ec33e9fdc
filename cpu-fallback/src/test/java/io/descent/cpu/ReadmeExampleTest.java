package io.descent.cpu;

import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.Precision;
import io.descent.optim.Momentum;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library example in the README compiles, runs, and is the same text as here. */
class ReadmeExampleTest
{
    @Test
    void exampleFitsALineAndMatchesTheReadme() throws IOException
    {
        final float[] fitted = fitLine();

        assertEquals(2.0f, fitted[0], 1e-3f, "weight of y = 2x + 1");
        assertEquals(1.0f, fitted[1], 1e-3f, "intercept of y = 2x + 1");
        final String readme = Files.readString(Path.of("..", "README.md"));
        final List<String> lines =
            Files.readAllLines(Path.of("src/test/java/io/descent/cpu/ReadmeExampleTest.java"));
        final int begin = lines.indexOf("        // README example begins");
        final int end = lines.indexOf("        // README example ends");
        final StringBuilder snippet = new StringBuilder();
        for (final String line : lines.subList(begin + 1, end))
        {
            snippet.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
        }
        assertTrue(
            readme.contains(snippet), "README.md must contain the example exactly:\n" + snippet);
    }

    private static float[] fitLine()
    {
        // README example begins
        // backend: the best available, or the one named by -Ddescent.backend
        try (Backend backend = BackendRegistry.load().open();
             DeviceMatrix x = backend.matrix(new float[] {0, 1, 2, 3}, 4, 1);
             DeviceVector y = backend.vector(new float[] {1, 3, 5, 7});
             DeviceVector params = backend.allocate(Precision.F32, 2);  // weight, intercept
             DeviceVector grad = backend.allocate(Precision.F32, 2);
             Momentum momentum = Momentum.pytorch(backend).lr(0.1).momentum(0.9).build())
        {
            double loss = 0;
            for (int step = 0; step < 500; step++)
            {
                loss = backend.lossAndGradient(
                    LossFunction.LEAST_SQUARES, x, y, params, grad, Rows.all());
                momentum.step(params, grad);  // one kernel launch, no host copy
            }
            System.out.println("loss " + loss);
            return params.toFloatArray();  // copy back only when asked: ~[2, 1]
        }
        // README example ends
    }
}
