package io.slotgate.bench.pressure;

import io.slotgate.bench.pressure.ChangeLog.BlockedTime;
import io.slotgate.bench.pressure.ChangeLog.BookedTime;
import io.slotgate.bench.pressure.ChangeLog.Busy;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Host;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.emulator.WorkingHours;
import io.slotgate.slots.Slot;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Says why an answer was wrong. The truth (which slots the emulator offered at the answer's instant) is already in the
 * {@link Answer}; the judge explains each difference from the run's {@link ChangeLog}: which change took an offered
 * slot, when, and whether slotgate had been told.
 *
 * <p>A change blocks a slot of length d on a host when its busy time (a booking's time stretched by its own event
 * type's buffers, or a calendar block) overlaps [start - before, start + d + after) of the asked event type, the rule
 * of Cal.com's availability (NOTES §4). The slot became unavailable when the first of its hosts was blocked
 * (individual, collective), or when the last host that works at that time was (round robin); that change is the
 * decisive one. Slotgate is at fault beyond doubt when a booking that blocks the slot was announced by a webhook that
 * reached an instance more than {@link #GRACE} before the answer, after the slot had become unavailable: a refetch
 * after that webhook would have shown the slot taken, whatever else took it.
 */
final class Judge {
    static final Duration GRACE = Duration.ofSeconds(1);

    /** Why an offered slot was not free; the order is the order of the report. */
    enum Cause {
        EXTERNAL_BLOCK("an external calendar block (nothing announces it)"),
        WEBHOOK_NOT_YET("a booking whose webhook had not reached slotgate"),
        WEBHOOK_WITHIN_GRACE("a booking whose webhook reached slotgate at most 1 s before"),
        WEBHOOK_PAST_GRACE("a booking whose webhook reached slotgate more than 1 s before (must be 0)"),
        WEBHOOK_LOST("a booking whose webhook was lost"),
        NOTICE("inside the minimum notice, or past"),
        OTHER("none of the run's changes explains it");

        final String description;

        Cause(String description) {
            this.description = description;
        }
    }

    /** Why a free slot was left out. */
    enum Missing {
        FREED_BY_CANCEL("freed by a cancel or a reschedule"),
        OTHER("none of the run's changes explains it");

        final String description;

        Missing(String description) {
            this.description = description;
        }
    }

    /**
     * One offered slot that was not free.
     *
     * @param change       the change the cause names: the one that made the slot unavailable, or for a webhook past
     *                     the grace the booking it announced (null for NOTICE and OTHER)
     * @param sinceTaken   how long before the answer the decisive change took it (null for NOTICE and OTHER)
     * @param sinceWebhook how long before the answer the booking's webhook reached slotgate (null when it had not)
     * @param webhookDone  whether the instance that got that webhook had answered it before this answer was given
     */
    record WrongSlot(Slot slot, Cause cause, Busy change, Duration sinceTaken, Duration sinceWebhook,
                     boolean webhookDone) {
    }

    record Verdict(Answer answer, List<WrongSlot> falseAvailable, Map<Missing, Integer> falseUnavailable) {
        boolean offeredAnyTakenSlot() {
            return !falseAvailable.isEmpty();
        }

        boolean leftOutAnyFreeSlot() {
            return !answer.falseUnavailable().isEmpty();
        }
    }

    private final Map<Long, EventTypeSpec> eventTypes;
    private final Map<Long, Host> hosts;

    Judge(Map<Long, EventTypeSpec> eventTypes, Map<Long, Host> hosts) {
        this.eventTypes = Map.copyOf(eventTypes);
        this.hosts = Map.copyOf(hosts);
    }

    Verdict judge(Answer answer, ChangeLog.Snapshot log) {
        if (!answer.judged()) {
            return new Verdict(answer, List.of(), Map.of());
        }
        EventTypeSpec type = eventType(answer.query().eventTypeId());
        List<WrongSlot> wrong = new ArrayList<>();
        for (Slot slot : answer.falseAvailable()) {
            wrong.add(whyOffered(type, slot, answer.answeredAt(), log));
        }
        Map<Missing, Integer> missing = new EnumMap<>(Missing.class);
        for (Slot slot : answer.falseUnavailable()) {
            missing.merge(whyMissing(type, slot, answer.answeredAt(), log), 1, Integer::sum);
        }
        return new Verdict(answer, wrong, missing);
    }

    WrongSlot whyOffered(EventTypeSpec type, Slot slot, Instant at, ChangeLog.Snapshot log) {
        if (slot.start().isBefore(at.plus(Duration.ofMinutes(type.minimumBookingNoticeMinutes())))) {
            return new WrongSlot(slot, Cause.NOTICE, null, null, null, false);
        }
        List<Long> relevant = relevantHosts(type, slot);
        Map<Long, Busy> earliest = new HashMap<>();
        List<BookedTime> bookingBlockers = new ArrayList<>();
        for (Busy change : log.changes()) {
            if (!change.activeAt(at)) {
                continue;
            }
            for (long host : change.hostIds()) {
                if (relevant.contains(host) && blocks(change, type, slot)) {
                    earliest.merge(host, change, (a, b) -> a.madeAt().isAfter(b.madeAt()) ? b : a);
                    if (change instanceof BookedTime booked && !bookingBlockers.contains(booked)) {
                        bookingBlockers.add(booked);
                    }
                }
            }
        }
        Busy decisive = decisive(type, relevant, earliest);
        if (decisive == null) {
            return new WrongSlot(slot, Cause.OTHER, null, null, null, false);
        }
        Instant unavailableSince = decisive.madeAt();
        Duration sinceTaken = Duration.between(unavailableSince, at);
        BookedTime toldFirst = null;
        for (BookedTime booking : bookingBlockers) {
            Instant arrived = log.arrival(booking.webhook());
            if (arrived != null && !arrived.isBefore(unavailableSince)
                    && Duration.between(arrived, at).compareTo(GRACE) > 0
                    && (toldFirst == null || arrived.isBefore(log.arrival(toldFirst.webhook())))) {
                toldFirst = booking;
            }
        }
        if (toldFirst != null) {
            return told(slot, Cause.WEBHOOK_PAST_GRACE, toldFirst, sinceTaken, at, log);
        }
        return switch (decisive) {
            case BlockedTime block -> new WrongSlot(slot, Cause.EXTERNAL_BLOCK, block, sinceTaken, null, false);
            case BookedTime booking -> {
                Instant arrived = log.arrival(booking.webhook());
                if (arrived == null) {
                    yield new WrongSlot(slot, Cause.WEBHOOK_LOST, booking, sinceTaken, null, false);
                }
                if (arrived.isAfter(at)) {
                    yield new WrongSlot(slot, Cause.WEBHOOK_NOT_YET, booking, sinceTaken, null, false);
                }
                yield told(slot, Cause.WEBHOOK_WITHIN_GRACE, booking, sinceTaken, at, log);
            }
        };
    }

    /** A slot whose booking slotgate had been told of, by a webhook that arrived before {@code at}. */
    private static WrongSlot told(Slot slot, Cause cause, BookedTime booking, Duration sinceTaken, Instant at,
                                  ChangeLog.Snapshot log) {
        Instant answered = log.answered(booking.webhook());
        return new WrongSlot(slot, cause, booking, sinceTaken, Duration.between(log.arrival(booking.webhook()), at),
                answered != null && !answered.isAfter(at));
    }

    Missing whyMissing(EventTypeSpec type, Slot slot, Instant at, ChangeLog.Snapshot log) {
        for (Busy change : log.changes()) {
            if (change instanceof BookedTime booking && booking.cancelledAt() != null
                    && !booking.cancelledAt().isAfter(at)
                    && booking.hostIds().stream().anyMatch(type.hostIds()::contains) && blocks(booking, type, slot)) {
                return Missing.FREED_BY_CANCEL;
            }
        }
        return Missing.OTHER;
    }

    /**
     * The hosts whose being busy matters: all of them, except in round robin, where only hosts who work at that time
     * could have offered the slot (if none does by their hours, all count, so nothing is explained away).
     */
    private List<Long> relevantHosts(EventTypeSpec type, Slot slot) {
        if (type.schedulingType() != SchedulingType.ROUND_ROBIN) {
            return type.hostIds();
        }
        List<Long> working = type.hostIds().stream()
                .filter(id -> hosts.containsKey(id) && works(hosts.get(id), slot.start(), slot.end()))
                .toList();
        return working.isEmpty() ? type.hostIds() : working;
    }

    /** The change that made the slot unavailable, or null when the log says it should still be free. */
    private static Busy decisive(EventTypeSpec type, List<Long> relevant, Map<Long, Busy> earliest) {
        Comparator<Busy> byTime = Comparator.comparing(Busy::madeAt);
        if (type.schedulingType() == SchedulingType.ROUND_ROBIN) {
            if (!earliest.keySet().containsAll(relevant)) {
                return null;
            }
            return earliest.values().stream().max(byTime).orElse(null);
        }
        return earliest.values().stream().min(byTime).orElse(null);
    }

    private boolean blocks(Busy change, EventTypeSpec type, Slot slot) {
        Instant from;
        Instant to;
        switch (change) {
            case BookedTime booking -> {
                EventTypeSpec own = eventTypes.get(booking.eventTypeId());
                from = own == null ? booking.start() : booking.start().minus(Duration.ofMinutes(own.beforeBufferMinutes()));
                to = own == null ? booking.end() : booking.end().plus(Duration.ofMinutes(own.afterBufferMinutes()));
            }
            case BlockedTime block -> {
                from = block.start();
                to = block.end();
            }
        }
        Instant windowStart = slot.start().minus(Duration.ofMinutes(type.beforeBufferMinutes()));
        Instant windowEnd = slot.end().plus(Duration.ofMinutes(type.afterBufferMinutes()));
        return from.isBefore(windowEnd) && windowStart.isBefore(to);
    }

    /** Whether one of the host's working-hours rules holds [start, end), read in the host's zone. */
    static boolean works(Host host, Instant start, Instant end) {
        ZoneId zone = host.timeZone();
        LocalDate day = start.atZone(zone).toLocalDate();
        for (LocalDate d = day.minusDays(1); !d.isAfter(day); d = d.plusDays(1)) {
            for (WorkingHours rule : host.hours()) {
                if (!rule.days().contains(d.getDayOfWeek())) {
                    continue;
                }
                Instant from = ZonedDateTime.of(d, rule.from(), zone).toInstant();
                LocalDate endDay = rule.to().isAfter(rule.from()) ? d : d.plusDays(1);
                Instant to = ZonedDateTime.of(endDay, rule.to(), zone).toInstant();
                if (!start.isBefore(from) && !end.isAfter(to)) {
                    return true;
                }
            }
        }
        return false;
    }

    EventTypeSpec eventType(long id) {
        EventTypeSpec type = eventTypes.get(id);
        if (type == null) {
            throw new IllegalArgumentException("the judge does not know event type " + id);
        }
        return type;
    }
}
