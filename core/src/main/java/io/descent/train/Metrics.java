package io.descent.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quality of a fitted model on the training data, by name in a fixed order.
 *
 * <ul>
 * <li>Linear: {@code mse} = (1/m)·Σ(ŷᵢ - yᵢ)², {@code rmse} = √mse,
 *     {@code r2} = 1 - Σ(ŷᵢ - yᵢ)² / Σ(yᵢ - ȳ)² (NaN when every target is equal).</li>
 * <li>Logistic: {@code log_loss} = (1/m)·Σ[log(1 + e^{zᵢ}) - yᵢzᵢ], the training loss;
 *     {@code accuracy} = the fraction of rows with (σ(zᵢ) ≥ 0.5) = (yᵢ = 1).</li>
 * </ul>
 */
public final class Metrics
{
    private final Map<String, Double> values;

    private Metrics(final Map<String, Double> values)
    {
        this.values = Collections.unmodifiableMap(values);
    }

    /** @return mse, rmse and r2 of {@code predictions} against {@code targets}. */
    public static Metrics regression(final double[] predictions, final double[] targets)
    {
        final int m = targets.length;
        double mean = 0.0;
        for (final double y : targets)
        {
            mean += y;
        }
        mean /= m;
        double residual = 0.0;
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            final double r = predictions[i] - targets[i];
            final double d = targets[i] - mean;
            residual += r * r;
            total += d * d;
        }

        final Map<String, Double> v = new LinkedHashMap<>();
        v.put("mse", residual / m);
        v.put("rmse", Math.sqrt(residual / m));
        v.put("r2", total > 0.0 ? 1.0 - residual / total : Double.NaN);
        return new Metrics(v);
    }

    /**
     * @param logLoss       the mean log-loss, as computed by the backend's loss kernel.
     * @param probabilities σ(zᵢ) per row.
     * @param targets       0 or 1 per row.
     * @return log_loss and accuracy.
     */
    public static Metrics classification(final double logLoss, final double[] probabilities,
        final double[] targets)
    {
        int correct = 0;
        for (int i = 0; i < targets.length; i++)
        {
            final double predicted = probabilities[i] >= 0.5 ? 1.0 : 0.0;
            correct += predicted == targets[i] ? 1 : 0;
        }

        final Map<String, Double> v = new LinkedHashMap<>();
        v.put("log_loss", logLoss);
        v.put("accuracy", (double)correct / targets.length);
        return new Metrics(v);
    }

    /** @return every metric by name, in a fixed order. */
    public Map<String, Double> values()
    {
        return values;
    }

    /** @throws IllegalArgumentException naming the known metrics if {@code name} is not one. */
    public double get(final String name)
    {
        final Double v = values.get(name);
        if (v == null)
        {
            throw new IllegalArgumentException("no metric named '" + name + "'; known: "
                + values.keySet());
        }
        return v;
    }

    @Override
    public String toString()
    {
        return values.toString();
    }
}
