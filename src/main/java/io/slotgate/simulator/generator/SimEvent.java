package io.slotgate.simulator.generator;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happens in the simulated day. The random draws an event needs are made when the stream is generated,
 * so every policy replays exactly the same choices; only what those choices meet (the answers a policy gives) differs.
 */
public sealed interface SimEvent extends Comparable<SimEvent> {
    Instant at();

    /** Order of generation, breaking ties of time, so replay order is total and deterministic. */
    long seq();

    @Override
    default int compareTo(SimEvent other) {
        int byTime = at().compareTo(other.at());
        return byTime != 0 ? byTime : Long.compare(seq(), other.seq());
    }

    enum QueryKind { SLOTS_7_DAYS, NEXT_AVAILABLE, SLOTS_14_DAYS, ONE_DAY }

    /**
     * A front-end asks about availability. {@code dayOffset} is the day asked about, for ONE_DAY. Days are local days
     * of {@code zone} (UTC days when empty); a range that {@code startsNow} starts at the instant of asking instead of
     * at its first day's start; {@code durationMinutes} is the {@code duration} asked for, if any.
     */
    record Query(Instant at, long seq, long eventTypeId, QueryKind kind, int dayOffset, Optional<ZoneId> zone,
                 boolean startsNow, Optional<Integer> durationMinutes) implements SimEvent {
        public Query {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(durationMinutes, "durationMinutes");
        }

        /** A query in UTC days, from the day's start, at the event type's default length. */
        public Query(Instant at, long seq, long eventTypeId, QueryKind kind, int dayOffset) {
            this(at, seq, eventTypeId, kind, dayOffset, Optional.empty(), false, Optional.empty());
        }
    }

    /**
     * Someone books: looks at the next 7 days as the policy answers them, takes the offered slot {@code pick} (a
     * fraction of the first ten offered), and books it through slotgate or on Cal.com's own booking page. Some
     * bookings are later cancelled or moved, at the given offsets after the booking.
     */
    record Booking(Instant at, long seq, long eventTypeId, double pick, boolean throughSlotgate,
                   long cancelAfterSeconds, long rescheduleAfterSeconds, double reschedulePick) implements SimEvent {
        public boolean cancelled() {
            return cancelAfterSeconds > 0;
        }

        public boolean rescheduled() {
            return rescheduleAfterSeconds > 0;
        }
    }

    /**
     * A host's external calendar changes, and nothing tells anyone: a busy block appears (a meeting in Google
     * Calendar) or a block added earlier goes away. {@code hostPick}/{@code timePick} choose which and when.
     */
    record ExternalChange(Instant at, long seq, long eventTypeId, double hostPick, double timePick, boolean add)
            implements SimEvent {
    }
}
