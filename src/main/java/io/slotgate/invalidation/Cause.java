package io.slotgate.invalidation;

import java.util.Objects;

/** Why an invalidation happened; the label names its counter. */
public record Cause(String label) {
    public static final Cause SLOTGATE_BOOKING = new Cause("slotgate-booking");
    public static final Cause SLOTGATE_RESERVATION = new Cause("slotgate-reservation");
    public static final Cause SLOT_TAKEN = new Cause("slot-taken");
    public static final Cause ADMIN = new Cause("admin");
    /** The staleness verifier found a served bucket that Cal.com no longer agrees with. */
    public static final Cause VERIFIER = new Cause("verifier");

    public Cause {
        Objects.requireNonNull(label, "label");
    }

    public static Cause webhook(String trigger) {
        return new Cause("webhook:" + trigger);
    }

    @Override
    public String toString() {
        return label;
    }
}
