package io.slotgate.finder;

import io.slotgate.cache.CacheOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Every bookable slot starting within {@code range}, in start order. */
public record Window(TimeRange range, List<Slot> slots, CacheOutcome outcome, Duration age) {
    public Window {
        Objects.requireNonNull(range, "range");
        slots = List.copyOf(slots);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(age, "age");
    }
}
