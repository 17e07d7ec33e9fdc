package io.descent.bench.report;

import io.descent.bench.workload.UpdateKernel;
import io.descent.memory.Precision;

import java.util.Locale;
import java.util.Optional;

/**
 * The speed targets, checked against one run's results. Each line states the two
 * figures, the ratio, and whether the target was met or by how much it was missed; a target
 * whose results are absent says which are missing instead.
 */
final class Targets
{
    private static final int TARGET_LOG2 = 24;

    private final ResultTable table;
    private final StringBuilder sb = new StringBuilder();

    Targets(final ResultTable table)
    {
        this.table = table;
    }

    String markdown()
    {
        final String size = Integer.toString(TARGET_LOG2);
        final Optional<Measured> nd4j = table.fastest(ResultTable.ND4J,
            "updater", "nesterovs", "precision", "F32", "log2Size", size);
        final Optional<Measured> numpy = table.fastest(ResultTable.NUMPY_UPDATE,
            "kernel", "textbook", "precision", "F32", "log2Size", size);
        final Optional<Measured> javaGradient = table.find(ResultTable.GRADIENT,
            "backend", "java", "loss", "least-squares", "shape", "tall", "batch", "full");
        final Optional<Measured> numpyGradient = table.fastest(ResultTable.NUMPY_GRADIENT,
            "loss", "least-squares", "shape", "tall", "batch", "full");

        sb.append("### Targets (2^24 elements, F32, same run)\n\n");
        sb.append("| target | measured | result |\n| --- | --- | --- |\n");
        triadFraction("momentum");
        triadFraction("nesterov");
        for (final String kernel : new String[] {"momentum", "velocity-nesterov"})
        {
            final String name = "java " + kernel + " >= 1.5x faster than ND4J Nesterovs + subi";
            speedup(name, update("java", kernel), nd4j, 1.5);
        }
        for (final String kernel : new String[] {"momentum", "ema"})
        {
            speedup("java " + kernel + " >= 5x faster than NumPy textbook", update("java", kernel),
                numpy, 5.0);
        }
        speedup("java least-squares gradient, tall 2^20x64, >= 2x faster than NumPy "
            + "X.T @ (X @ w - y) / m", javaGradient, numpyGradient, 2.0);
        openclVersusJava();
        sb.append('\n');
        return sb.toString();
    }

    private Optional<Measured> update(final String backend, final String kernel)
    {
        return table.find(ResultTable.UPDATE, "backend", backend, "kernel", kernel,
            "precision", "F32", "log2Size", Integer.toString(TARGET_LOG2));
    }

    private void triadFraction(final String kernel)
    {
        final String name = "java " + kernel + " >= 85% of triad GB/s";
        final Optional<Measured> java = update("java", kernel);
        final Optional<Double> triad = table.triadGBps(Precision.F32, TARGET_LOG2);
        if (java.isEmpty() || triad.isEmpty())
        {
            missing(name, java.isEmpty() ? "java update" : "triad");
            return;
        }

        final int perElement = UpdateKernel.parse(kernel).bytesPerElement(Precision.F32);
        final double gbps = java.get().gbps((long)perElement << TARGET_LOG2);
        final double fraction = gbps / triad.get();
        final String measured = fmt("%.1f GB/s vs triad %.1f GB/s = %.0f%%", gbps, triad.get(),
            100 * fraction);
        sb.append(line(name, measured,
            fraction >= 0.85 ? "met" : fmt("missed by %.0f points", 100 * (0.85 - fraction))));
    }

    private void speedup(final String name, final Optional<Measured> ours,
        final Optional<Measured> peer, final double goal)
    {
        if (ours.isEmpty() || peer.isEmpty())
        {
            missing(name, ours.isEmpty() ? "descent result"
                : "peer result (not installed or not run)");
            return;
        }

        final double ratio = peer.get().scoreUs() / ours.get().scoreUs();
        final String oursUs = ResultTable.number(ours.get().scoreUs());
        final String peerUs = ResultTable.number(peer.get().scoreUs());
        final String measured = fmt("%s us vs %s us = %.2fx", oursUs, peerUs, ratio);
        final String shortfall = fmt("missed: %.2fx of the %.1fx asked (%.0f%% short)", ratio, goal,
            100 * (1 - ratio / goal));
        sb.append(line(name, measured, ratio >= goal ? "met" : shortfall));
    }

    private void openclVersusJava()
    {
        final String name = "opencl momentum time <= 1.5x java's";
        final Optional<Measured> opencl = update("opencl", "momentum");
        final Optional<Measured> java = update("java", "momentum");
        if (opencl.isEmpty() || java.isEmpty())
        {
            missing(name, opencl.isEmpty() ? "opencl result" : "java result");
            return;
        }

        final double ratio = opencl.get().scoreUs() / java.get().scoreUs();
        sb.append(line(name, fmt("%s us vs %s us = %.2fx",
            ResultTable.number(opencl.get().scoreUs()),
            ResultTable.number(java.get().scoreUs()), ratio),
            ratio <= 1.5 ? "met" : fmt("missed: %.2fx, %.0f%% over the limit", ratio,
                100 * (ratio / 1.5 - 1))));
    }

    private void missing(final String name, final String what)
    {
        sb.append(line(name, "no " + what + " in this run", "not measured"));
    }

    private static String line(final String... cells)
    {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String fmt(final String format, final Object... args)
    {
        return String.format(Locale.ROOT, format, args);
    }
}
