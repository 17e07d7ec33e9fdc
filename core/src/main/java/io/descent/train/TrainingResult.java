package io.descent.train;

import io.descent.memory.Precision;

/**
 * The outcome of a run that did not diverge.
 *
 * @param backend     the backend's short name.
 * @param device      the device it ran on, in words.
 * @param precision   the arithmetic used.
 * @param config      the configuration that ran.
 * @param epochsRun   epochs completed, between 1 and {@code config.epochs()}.
 * @param stopReason  why it stopped.
 * @param lossHistory the loss over all rows after each epoch (the objective of
 *                    {@link io.descent.backend.LossFunction}, weight decay not included).
 * @param model       the fitted model.
 * @param metrics     its quality on the training data.
 * @param elapsedNs   wall time from the upload of the data to the last prediction.
 */
public record TrainingResult(
    String backend, String device, Precision precision, TrainingConfig config, int epochsRun,
    StopReason stopReason, double[] lossHistory, TrainedModel model, Metrics metrics,
    long elapsedNs)
{
    public TrainingResult
    {
        lossHistory = lossHistory.clone();
    }

    /** @return a copy of the per-epoch losses. */
    @Override
    public double[] lossHistory()
    {
        return lossHistory.clone();
    }

    /** @return the loss after the last epoch. */
    public double finalLoss()
    {
        return lossHistory[lossHistory.length - 1];
    }
}
