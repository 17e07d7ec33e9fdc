package io.descent.train;

/** Told the loss after each epoch, e.g. to draw a progress bar. Called on the training thread. */
@FunctionalInterface
public interface ProgressListener
{
    /** A listener that ignores every call. */
    ProgressListener NONE = (epoch, epochs, loss) -> { };

    /**
     * @param epoch  1-based number of the epoch just finished.
     * @param epochs the most epochs the run will take.
     * @param loss   the loss over all training rows after that epoch.
     */
    void onEpoch(int epoch, int epochs, double loss);
}
