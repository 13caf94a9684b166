package io.slotgate.simulator.run;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges an answer exactly, against the emulator's truth at the instant of the answer (DESIGN.md §2): an answer is
 * false-available when it offers a slot that is not bookable then, false-unavailable when it leaves out one that is.
 * Of the false-available ones, it also says whether a slot offered was one that bookings slotgate had been told of
 * more than {@link #ANNOUNCEMENT_GRACE} earlier make unbookable (issue 10's figure, to be 0), and for how long.
 */
final class Judge {
    /** How long slotgate may take to act on a webhook or on its own booking's answer. */
    static final Duration ANNOUNCEMENT_GRACE = Duration.ofSeconds(1);

    /**
     * @param offeredAfterWebhook how long slotgate had known that a slot it offered was booked (the longest, when
     *                            several were), if more than the grace
     */
    record Verdict(boolean falseAvailable, boolean falseUnavailable, Optional<Duration> offeredAfterWebhook) {
    }

    private final CalcomEmulator emulator;
    private final AnnouncedBookings announced;

    Judge(CalcomEmulator emulator, AnnouncedBookings announced) {
        this.emulator = emulator;
        this.announced = announced;
    }

    Verdict slots(long eventTypeId, int lengthMinutes, TimeRange range, List<Slot> answered) {
        List<Slot> truth = emulator.availableSlots(eventTypeId, lengthMinutes, range);
        Set<Slot> truthSet = new HashSet<>(truth);
        Set<Slot> answeredSet = new HashSet<>(answered);
        List<Slot> unbookable = answered.stream().filter(s -> !truthSet.contains(s)).toList();
        boolean leftOut = truth.stream().anyMatch(s -> !answeredSet.contains(s));
        return new Verdict(!unbookable.isEmpty(), leftOut, knownBookedFor(eventTypeId, unbookable));
    }

    /** The answer to "next available" against the true first bookable slot of the same horizon. */
    Verdict next(long eventTypeId, int lengthMinutes, TimeRange horizon, Optional<Slot> answered) {
        Optional<Slot> truth = emulator.availableSlots(eventTypeId, lengthMinutes, horizon).stream().findFirst();
        boolean offeredUnbookable = answered.isPresent()
                && !emulator.isBookable(eventTypeId, answered.get().start(), lengthMinutes);
        boolean earlierLeftOut = truth.isPresent()
                && (answered.isEmpty() || truth.get().start().isBefore(answered.get().start()));
        return new Verdict(offeredUnbookable, earlierLeftOut,
                knownBookedFor(eventTypeId, offeredUnbookable ? List.of(answered.get()) : List.of()));
    }

    private Optional<Duration> knownBookedFor(long eventTypeId, List<Slot> unbookable) {
        if (unbookable.isEmpty()) {
            return Optional.empty();
        }
        EventTypeSpec type = emulator.eventType(eventTypeId).orElseThrow();
        Instant now = emulator.clock().instant();
        Optional<Duration> longest = Optional.empty();
        for (Slot slot : unbookable) {
            Optional<Duration> known = announced.knownBookedSince(type, slot).map(since -> Duration.between(since, now));
            if (known.isPresent() && known.get().compareTo(ANNOUNCEMENT_GRACE) > 0
                    && (longest.isEmpty() || known.get().compareTo(longest.get()) > 0)) {
                longest = known;
            }
        }
        return longest;
    }

    int lengthOf(long eventTypeId) {
        return emulator.eventType(eventTypeId).orElseThrow().lengthMinutes();
    }

    static TimeRange horizon(Instant from, int days) {
        return new TimeRange(from, from.plus(Duration.ofDays(days)).minusMillis(1));
    }
}
