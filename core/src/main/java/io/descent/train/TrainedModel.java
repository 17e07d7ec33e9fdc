package io.descent.train;

import io.descent.verify.Reference;

/**
 * A fitted model on the host: weights for the standardised features, the intercept, and the
 * {@link Standardizer} that maps raw feature values to the ones the weights expect.
 */
public final class TrainedModel
{
    private final Model model;
    private final double[] weights;
    private final double intercept;
    private final Standardizer scaling;

    /**
     * @param weights one per feature, applied to scaled features; copied.
     * @param scaling the scaling fitted on the training data, or the identity.
     */
    public TrainedModel(final Model model, final double[] weights, final double intercept,
        final Standardizer scaling)
    {
        if (weights.length != scaling.cols())
        {
            throw new IllegalArgumentException("weights and scaling must have one entry per "
                + "feature: weights="
                + weights.length + ", scaling=" + scaling.cols());
        }
        this.model = model;
        this.weights = weights.clone();
        this.intercept = intercept;
        this.scaling = scaling;
    }

    public Model model()
    {
        return model;
    }

    /** @return a copy of the weights, one per (scaled) feature. */
    public double[] weights()
    {
        return weights.clone();
    }

    public double intercept()
    {
        return intercept;
    }

    public Standardizer scaling()
    {
        return scaling;
    }

    /**
     * Predicts one raw (unscaled) row: z = Σ wⱼ·(xⱼ - meanⱼ)/scaleⱼ + c for a linear model, σ(z),
     * the probability of class 1, for a logistic one. Computed in double precision on the host.
     */
    public double predict(final double[] rawFeatures)
    {
        if (rawFeatures.length != weights.length)
        {
            throw new IllegalArgumentException("row must have one value per feature: expected "
                + weights.length
                + ", found " + rawFeatures.length);
        }
        final double[] x = scaling.apply(rawFeatures);
        double z = intercept;
        for (int j = 0; j < x.length; j++)
        {
            z += weights[j] * x[j];
        }
        return model == Model.LOGISTIC ? Reference.sigmoid(z) : z;
    }
}
