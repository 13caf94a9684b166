package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;

/** A fill got no usable answer from Cal.com; carries the outcome so the caller can say exactly what went wrong. */
public final class FillFailedException extends RuntimeException {
    private final transient CalcomOutcome<?> outcome;

    public FillFailedException(CalcomOutcome<?> outcome) {
        super("fill failed: " + outcome.getClass().getSimpleName(), null, false, false);
        this.outcome = outcome;
    }

    public CalcomOutcome<?> outcome() {
        return outcome;
    }
}
