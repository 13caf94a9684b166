package io.slotgate.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * What happened to one (event type, UTC day) since a bucket of it was filled, as one generation step. A change a
 * bucket can be patched with ({@link Busy}) keeps the bucket servable; a {@link Dropped} one does not.
 */
public sealed interface DayChange permits DayChange.Busy, DayChange.Dropped {
    /** When slotgate learned of it (a webhook's arrival, a booking's answer): what Cal.com's result cache is timed by. */
    Instant learnedAt();

    /** How Cal.com applies a busy time to the slots. */
    enum Kind {
        /** A booking or another busy time: subtracted from the free ranges, so later slots of the range re-anchor. */
        BOOKED,
        /** A slot reservation: conflicting slots are dropped after the runs are laid, the grid stays. */
        RESERVED
    }

    /**
     * The day's event type's hosts are busy over [start, end), already stretched by both event types' buffers as
     * Cal.com stretches a busy time. {@code certain}: one busy host is enough to block a slot (individual and
     * collective event types); for round robin another host may still be free, so the patch may leave out slots.
     */
    record Busy(Instant learnedAt, Instant start, Instant end, Kind kind, boolean certain) implements DayChange {
        public Busy {
            Objects.requireNonNull(learnedAt, "learnedAt");
            Objects.requireNonNull(kind, "kind");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("a busy time ends after it starts: " + start + " .. " + end);
            }
        }
    }

    /** What is cached of the day must not be served any more (an operator's clear, a slot found taken). */
    record Dropped(Instant learnedAt, String cause) implements DayChange {
        public Dropped {
            Objects.requireNonNull(learnedAt, "learnedAt");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
