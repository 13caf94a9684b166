package io.slotgate.slots;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One bookable slot: its start and its end (start + the requested duration). */
public record Slot(Instant start, Instant end) implements Comparable<Slot> {
    public Slot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("slot ends before it starts: " + start + " > " + end);
        }
    }

    public static Slot of(Instant start, Duration length) {
        return new Slot(start, start.plus(length));
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public int compareTo(Slot other) {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : end.compareTo(other.end);
    }
}
