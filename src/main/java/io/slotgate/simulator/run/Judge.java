package io.slotgate.simulator.run;

import io.slotgate.emulator.CalcomEmulator;
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
 */
final class Judge {
    record Verdict(boolean falseAvailable, boolean falseUnavailable) {
    }

    private final CalcomEmulator emulator;

    Judge(CalcomEmulator emulator) {
        this.emulator = emulator;
    }

    Verdict slots(long eventTypeId, TimeRange range, List<Slot> answered) {
        List<Slot> truth = emulator.availableSlots(eventTypeId, lengthOf(eventTypeId), range);
        Set<Slot> truthSet = new HashSet<>(truth);
        Set<Slot> answeredSet = new HashSet<>(answered);
        boolean offeredUnbookable = answered.stream().anyMatch(s -> !truthSet.contains(s));
        boolean leftOut = truth.stream().anyMatch(s -> !answeredSet.contains(s));
        return new Verdict(offeredUnbookable, leftOut);
    }

    /** The answer to "next available" against the true first bookable slot of the same horizon. */
    Verdict next(long eventTypeId, TimeRange horizon, Optional<Slot> answered) {
        int length = lengthOf(eventTypeId);
        Optional<Slot> truth = emulator.availableSlots(eventTypeId, length, horizon).stream().findFirst();
        boolean offeredUnbookable = answered.isPresent()
                && !emulator.isBookable(eventTypeId, answered.get().start(), length);
        boolean earlierLeftOut = truth.isPresent()
                && (answered.isEmpty() || truth.get().start().isBefore(answered.get().start()));
        return new Verdict(offeredUnbookable, earlierLeftOut);
    }

    int lengthOf(long eventTypeId) {
        return emulator.eventType(eventTypeId).orElseThrow().lengthMinutes();
    }

    static TimeRange horizon(Instant from, int days) {
        return new TimeRange(from, from.plus(Duration.ofDays(days)).minusMillis(1));
    }
}
