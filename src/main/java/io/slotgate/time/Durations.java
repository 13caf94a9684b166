package io.slotgate.time;

import java.time.Duration;

/** The larger and the smaller of two durations, which {@link Duration} itself does not offer. */
public final class Durations {
    private Durations() {
    }

    public static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
