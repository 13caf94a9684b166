package io.slotgate.availability;

import io.slotgate.cache.CacheOutcome;
import io.slotgate.slots.Slot;

import java.time.Duration;
import java.util.List;

/** The slots that answer a query, filtered for the current instant, and how fresh they are. */
public record Availability(List<Slot> slots, CacheOutcome outcome, Duration age) {
    public Availability {
        slots = List.copyOf(slots);
    }
}
