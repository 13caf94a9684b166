package io.slotgate.availability;

import io.slotgate.slots.TimeRange;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated availability question: one event type, a range, optionally a length other than the default, and the
 * zone it is asked in. The zone is not only for rendering: Cal.com lines slot starts up with the hour in it
 * (docs/calcom-slots.md), and without a {@code timeZone} in its server's zone, UTC.
 */
public record SlotsQuery(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes, ZoneId zone) {
    public SlotsQuery {
        if (eventTypeId <= 0) {
            throw new IllegalArgumentException("eventTypeId must be positive");
        }
        durationMinutes.ifPresent(d -> {
            if (d <= 0) {
                throw new IllegalArgumentException("duration must be positive");
            }
        });
        Objects.requireNonNull(zone, "zone");
    }

    /** Asked without a zone: Cal.com's server zone, UTC. */
    public SlotsQuery(long eventTypeId, TimeRange range, Optional<Integer> durationMinutes) {
        this(eventTypeId, range, durationMinutes, ZoneOffset.UTC);
    }
}
