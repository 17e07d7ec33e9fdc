package io.descent.train;

/** Why a training run that did not diverge ended. */
public enum StopReason
{
    /** Every requested epoch ran. */
    EPOCHS,
    /** The relative change of the epoch loss fell to the tolerance or below. */
    TOLERANCE
}
