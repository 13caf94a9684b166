package io.slotgate.finder;

import io.slotgate.cache.CacheOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The first bookable slot starting within {@code searched}, or none: "nothing within N days" is an answer, not an
 * error.
 *
 * @param searched    the instants a slot's start was looked for in: [after, after + days), closed at the last millisecond
 * @param horizonDays the N of "within N days"
 * @param outcome     HIT when every day bucket consulted came from the cache
 * @param age         the age of the oldest cached bucket consulted
 */
public record NextAvailable(Optional<Slot> slot, TimeRange searched, int horizonDays, CacheOutcome outcome,
                            Duration age) {
    public NextAvailable {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(searched, "searched");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(age, "age");
    }

    public boolean found() {
        return slot.isPresent();
    }
}
