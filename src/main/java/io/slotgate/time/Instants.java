package io.slotgate.time;

import java.time.Instant;

/** The later and the earlier of two instants, which {@link Instant} itself does not offer. */
public final class Instants {
    private Instants() {
    }

    public static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    public static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
