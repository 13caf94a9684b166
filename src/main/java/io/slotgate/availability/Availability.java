package io.slotgate.availability;

import io.slotgate.cache.CacheOutcome;
import io.slotgate.slots.Slot;

import java.time.Duration;
import java.util.List;

/**
 * The slots that answer a query, filtered for the current instant, how fresh they are, and whether a change learned
 * since they were fetched (a booking's webhook) was patched into them.
 */
public record Availability(List<Slot> slots, CacheOutcome outcome, Duration age, boolean patched) {
    public Availability {
        slots = List.copyOf(slots);
    }

    public Availability(List<Slot> slots, CacheOutcome outcome, Duration age) {
        this(slots, outcome, age, false);
    }
}
