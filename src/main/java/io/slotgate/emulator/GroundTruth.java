package io.slotgate.emulator;

import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What Cal.com would answer now, read straight from the model for tests and simulations to judge answers by: no rate
 * limit, no request log, no slots result cache.
 */
final class GroundTruth {
    private final Clock clock;
    private final GuardedModel guarded;
    private final Model model;

    GroundTruth(Clock clock, GuardedModel guarded) {
        this.clock = clock;
        this.guarded = guarded;
        this.model = guarded.model();
    }

    /** {@code GET /v2/slots} for this range and duration, asked in {@code timeZone} (null: none). */
    List<Slot> availableSlots(long eventTypeId, int durationMinutes, TimeRange range, ZoneId timeZone) {
        if (durationMinutes <= 0) {
            throw new IllegalArgumentException("duration must be positive");
        }
        return guarded.locked(() -> {
            Instant now = clock.instant();
            model.dropExpiredReservations(now);
            EventTypeSpec type = eventType(eventTypeId);
            SlotEngine.Query query = new SlotEngine.Query(type, range.start(), range.end(), timeZone,
                    durationMinutes, null, null);
            List<Instant> starts;
            try {
                starts = model.engine.slots(query, now);
            } catch (SlotEngine.SlotInPastException e) {
                throw new IllegalStateException("Cal.com fails this query: " + e.getMessage());
            }
            Duration length = Duration.ofMinutes(durationMinutes);
            List<Slot> slots = new ArrayList<>(starts.size());
            starts.forEach(s -> slots.add(Slot.of(s, length)));
            slots.sort(null);
            return slots;
        });
    }

    /** Whether {@code POST /v2/bookings} at this start and duration would succeed now. */
    boolean isBookable(long eventTypeId, Instant start, int durationMinutes) {
        return guarded.locked(() -> {
            Instant now = clock.instant();
            EventTypeSpec type = eventType(eventTypeId);
            if (start.isBefore(now.plus(Duration.ofMinutes(type.minimumBookingNoticeMinutes())))) {
                return false;
            }
            return !model.assignableHosts(type, start, start.plus(Duration.ofMinutes(durationMinutes)), now, null)
                    .isEmpty();
        });
    }

    private EventTypeSpec eventType(long id) {
        EventTypeSpec type = model.eventTypes.get(id);
        if (type == null) {
            throw new IllegalArgumentException("unknown event type " + id);
        }
        return type;
    }
}
