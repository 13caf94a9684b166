package io.slotgate.availability;

import io.slotgate.slots.TimeRange;

import java.util.Optional;

/** A validated availability question: one event type, a range, and optionally a length other than the default. */
public record SlotsQuery(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes) {
    public SlotsQuery {
        if (eventTypeId <= 0) {
            throw new IllegalArgumentException("eventTypeId must be positive");
        }
        durationMinutes.ifPresent(d -> {
            if (d <= 0) {
                throw new IllegalArgumentException("duration must be positive");
            }
        });
    }
}
