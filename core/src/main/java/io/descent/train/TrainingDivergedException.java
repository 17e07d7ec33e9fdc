package io.descent.train;

/**
 * Training stopped because the loss or the weights stopped being finite. No model is returned
 * in that case; the message names the epoch, the loss and the hyperparameters that set the step
 * size (learning rate, momentum, weight decay), and suggests the changes that plausibly help.
 */
public final class TrainingDivergedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final double[] lossHistory;

    public TrainingDivergedException(final String message, final int epoch,
        final double[] lossHistory)
    {
        super(message);
        this.epoch = epoch;
        this.lossHistory = lossHistory.clone();
    }

    /** @return the 1-based epoch at which divergence was seen. */
    public int epoch()
    {
        return epoch;
    }

    /** @return the losses of the epochs up to and including the one that diverged. */
    public double[] lossHistory()
    {
        return lossHistory.clone();
    }
}
