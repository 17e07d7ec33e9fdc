package io.descent.train;

import io.descent.memory.Precision;

import java.util.List;

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
 * @param notes       how the data was read differently from the file, in words (LIBSVM labels
 *                    -1 taken as 0 for a logistic model); empty when nothing was changed.
 */
public record TrainingResult(
    String backend, String device, Precision precision, TrainingConfig config, int epochsRun,
    StopReason stopReason, double[] lossHistory, TrainedModel model, Metrics metrics,
    long elapsedNs, List<String> notes)
{
    public TrainingResult
    {
        lossHistory = lossHistory.clone();
        notes = List.copyOf(notes);
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
