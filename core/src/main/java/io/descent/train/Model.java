package io.descent.train;

import io.descent.backend.LossFunction;

import java.util.Locale;

/** The models the trainer fits; both have one weight per feature and an intercept. */
public enum Model
{
    /** Least squares: prediction z = x·w + c, loss (1/2m)·Σ(zᵢ - yᵢ)². */
    LINEAR(LossFunction.LEAST_SQUARES),
    /**
     * Binary logistic regression: P(y = 1) = σ(x·w + c), loss the mean log-loss; targets 0 or 1.
     */
    LOGISTIC(LossFunction.LOGISTIC);

    private final LossFunction loss;

    Model(final LossFunction loss)
    {
        this.loss = loss;
    }

    /** @return the loss the backend kernels compute for this model. */
    public LossFunction loss()
    {
        return loss;
    }

    /**
     * Parses {@code linear} or {@code logistic}, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values otherwise.
     */
    public static Model parse(final String text)
    {
        for (final Model m : values())
        {
            if (m.name().equalsIgnoreCase(text.strip()))
            {
                return m;
            }
        }
        throw new IllegalArgumentException("model must be linear or logistic: " + text);
    }

    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
