package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;

/** A fill got no usable answer from Cal.com; carries the outcome so the caller can say exactly what went wrong. */
public final class FillFailedException extends RuntimeException {
    private final transient CalcomOutcome<?> outcome;
    private final Priority priority;

    public FillFailedException(CalcomOutcome<?> outcome, Priority priority) {
        super("fill failed: " + outcome.getClass().getSimpleName(), null, false, false);
        this.outcome = outcome;
        this.priority = priority;
    }

    public CalcomOutcome<?> outcome() {
        return outcome;
    }

    /** The priority of the fill that failed: a background fill may be refused where a user's would not be. */
    public Priority priority() {
        return priority;
    }
}
