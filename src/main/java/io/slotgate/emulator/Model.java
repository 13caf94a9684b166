package io.slotgate.emulator;

import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The emulated tenant (hosts, event types, bookings, busy blocks, reservations) and the availability rules of NOTES §4
 * and §7. Not thread-safe: {@link CalcomEmulator} guards every call with its lock.
 */
final class Model {
    record Interval(Instant start, Instant end) {
        boolean overlaps(Instant s, Instant e) {
            return start.isBefore(e) && s.isBefore(end);
        }

        boolean contains(Instant s, Instant e) {
            return !s.isBefore(start) && !e.isAfter(end);
        }
    }

    record BusyBlock(String id, long hostId, Instant start, Instant end) {
    }

    /** A row of Cal.com's SelectedSlots: blocks its hosts for every event type until {@code until} (NOTES §3e). */
    record Reservation(String uid, long eventTypeId, List<Long> hostIds, Instant slotStart, Instant slotEnd,
                       int reservationMinutes, Instant until) {
        boolean activeAt(Instant now) {
            return until.isAfter(now);
        }
    }

    final Map<Long, Host> hosts = new TreeMap<>();
    final Map<Long, EventTypeSpec> eventTypes = new TreeMap<>();
    final Map<String, Booking> bookings = new LinkedHashMap<>();
    final Map<String, BusyBlock> busyBlocks = new LinkedHashMap<>();
    final Map<String, Reservation> reservations = new LinkedHashMap<>();

    // ---------------------------------------------------------------- slots

    /**
     * Slots of an event type whose start lies in {@code range} (closed) and not before {@code now + notice}.
     *
     * @param excludeBookingUid a booking whose own time does not count as busy ({@code bookingUidToReschedule})
     */
    List<Slot> slots(EventTypeSpec type, int durationMinutes, TimeRange range, Instant now, String excludeBookingUid) {
        Duration length = Duration.ofMinutes(durationMinutes);
        Duration step = Duration.ofMinutes(type.slotIntervalMinutes() != null ? type.slotIntervalMinutes() : durationMinutes);
        Instant earliest = now.plus(Duration.ofMinutes(type.minimumBookingNoticeMinutes()));
        Instant from = range.start().isAfter(earliest) ? range.start() : earliest;
        if (from.isAfter(range.end())) {
            return List.of();
        }
        Busy busy = new Busy(type, now, excludeBookingUid, true);
        TreeSet<Instant> starts = new TreeSet<>();
        switch (type.schedulingType()) {
            case INDIVIDUAL, ROUND_ROBIN -> {
                // Round robin: the union of each host's own slots.
                for (long hostId : type.hostIds()) {
                    for (Interval iv : workingIntervals(hostId, from, range.end())) {
                        addGrid(iv, from, range.end(), length, step, starts, s -> busy.free(hostId, s, s.plus(length)));
                    }
                }
            }
            case COLLECTIVE -> {
                // Collective: the grid runs over the intersection of all hosts' working hours; every host must be free.
                List<Interval> common = null;
                for (long hostId : type.hostIds()) {
                    List<Interval> own = workingIntervals(hostId, from, range.end());
                    common = common == null ? own : intersect(common, own);
                }
                for (Interval iv : common) {
                    addGrid(iv, from, range.end(), length, step, starts,
                            s -> type.hostIds().stream().allMatch(h -> busy.free(h, s, s.plus(length))));
                }
            }
        }
        List<Slot> slots = new ArrayList<>(starts.size());
        for (Instant s : starts) {
            slots.add(Slot.of(s, length));
        }
        return slots;
    }

    private static void addGrid(Interval iv, Instant from, Instant to, Duration length, Duration step,
                                TreeSet<Instant> out, java.util.function.Predicate<Instant> free) {
        for (Instant s = iv.start(); !s.plus(length).isAfter(iv.end()); s = s.plus(step)) {
            if (s.isAfter(to)) {
                return;
            }
            if (!s.isBefore(from) && free.test(s)) {
                out.add(s);
            }
        }
    }

    /**
     * The host's working-hours intervals (one per rule and day, not merged, since each starts its own slot grid) that
     * overlap [from, to]. Built from local dates and times in the host's zone, so DST shifts them correctly.
     */
    List<Interval> workingIntervals(long hostId, Instant from, Instant to) {
        Host host = hosts.get(hostId);
        if (host == null) {
            return List.of();
        }
        ZoneId zone = host.timeZone();
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        List<Interval> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (WorkingHours rule : host.hours()) {
                if (!rule.days().contains(d.getDayOfWeek())) {
                    continue;
                }
                Instant s = ZonedDateTime.of(d, rule.from(), zone).toInstant();
                LocalDate endDay = rule.crossesMidnight() ? d.plusDays(1) : d;
                Instant e = ZonedDateTime.of(endDay, rule.to(), zone).toInstant();
                if (e.isAfter(s) && !e.isBefore(from) && !s.isAfter(to)) {
                    out.add(new Interval(s, e));
                }
            }
        }
        out.sort(Comparator.comparing(Interval::start));
        return out;
    }

    private static List<Interval> intersect(List<Interval> a, List<Interval> b) {
        List<Interval> out = new ArrayList<>();
        for (Interval x : a) {
            for (Interval y : b) {
                Instant s = x.start().isAfter(y.start()) ? x.start() : y.start();
                Instant e = x.end().isBefore(y.end()) ? x.end() : y.end();
                if (s.isBefore(e)) {
                    out.add(new Interval(s, e));
                }
            }
        }
        out.sort(Comparator.comparing(Interval::start));
        return out;
    }

    // ---------------------------------------------------------------- booking

    /**
     * The hosts a booking of {@code type} at [start, end) would block, or empty when the time is not free: inside
     * working hours and clear of bookings and busy blocks (reservations are a booker-UI hint and do not stop a
     * booking). Round robin picks the free host with the fewest accepted bookings, then the lowest id; a reschedule
     * keeps its previous host when that host is free.
     */
    List<Long> assignableHosts(EventTypeSpec type, Instant start, Instant end, Instant now, Booking rescheduling) {
        Busy busy = new Busy(type, now, rescheduling == null ? null : rescheduling.uid(), false);
        List<Long> free = type.hostIds().stream()
                .filter(h -> withinWorkingHours(h, start, end) && busy.free(h, start, end))
                .toList();
        return switch (type.schedulingType()) {
            case INDIVIDUAL, COLLECTIVE -> free.size() == type.hostIds().size() ? type.hostIds() : List.of();
            case ROUND_ROBIN -> {
                if (free.isEmpty()) {
                    yield List.of();
                }
                if (rescheduling != null && free.containsAll(rescheduling.hostIds())) {
                    yield rescheduling.hostIds();
                }
                Map<Long, Long> load = new HashMap<>();
                for (Booking b : bookings.values()) {
                    if (b.isAccepted()) {
                        b.hostIds().forEach(h -> load.merge(h, 1L, Long::sum));
                    }
                }
                long pick = free.stream()
                        .min(Comparator.<Long>comparingLong(h -> load.getOrDefault(h, 0L)).thenComparing(h -> h))
                        .orElseThrow();
                yield List.of(pick);
            }
        };
    }

    private boolean withinWorkingHours(long hostId, Instant start, Instant end) {
        List<Interval> ivs = workingIntervals(hostId, start, end);
        // Merge touching or overlapping rules so a booking may span two adjacent rules.
        Instant curStart = null;
        Instant curEnd = null;
        for (Interval iv : ivs) {
            if (curEnd != null && !iv.start().isAfter(curEnd)) {
                if (iv.end().isAfter(curEnd)) {
                    curEnd = iv.end();
                }
            } else {
                if (curStart != null && new Interval(curStart, curEnd).contains(start, end)) {
                    return true;
                }
                curStart = iv.start();
                curEnd = iv.end();
            }
        }
        return curStart != null && new Interval(curStart, curEnd).contains(start, end);
    }

    Optional<Booking> overlappingBooking(long eventTypeId, Instant start, Instant end) {
        return bookings.values().stream()
                .filter(b -> b.isAccepted() && b.eventTypeId() == eventTypeId && b.start().isBefore(end)
                        && start.isBefore(b.end()))
                .findFirst();
    }

    Optional<Reservation> overlappingReservation(long eventTypeId, Instant start, Instant end, Instant now) {
        return reservations.values().stream()
                .filter(r -> r.activeAt(now) && r.eventTypeId() == eventTypeId && r.slotStart().isBefore(end)
                        && start.isBefore(r.slotEnd()))
                .findFirst();
    }

    void dropExpiredReservations(Instant now) {
        reservations.values().removeIf(r -> !r.activeAt(now));
    }

    /** Busy intervals of hosts as seen by one event type (its buffers widen the candidate). */
    private final class Busy {
        private final Duration before;
        private final Duration after;
        private final Map<Long, List<Interval>> byHost = new HashMap<>();

        Busy(EventTypeSpec requested, Instant now, String excludeBookingUid, boolean withReservations) {
            this.before = Duration.ofMinutes(requested.beforeBufferMinutes());
            this.after = Duration.ofMinutes(requested.afterBufferMinutes());
            for (Booking b : bookings.values()) {
                if (!b.isAccepted() || b.uid().equals(excludeBookingUid)) {
                    continue;
                }
                // NOTES §4: a booking on ANY event type blocks its hosts, widened by its own event type's buffers.
                EventTypeSpec own = eventTypes.get(b.eventTypeId());
                Instant s = own == null ? b.start() : b.start().minus(Duration.ofMinutes(own.beforeBufferMinutes()));
                Instant e = own == null ? b.end() : b.end().plus(Duration.ofMinutes(own.afterBufferMinutes()));
                for (long h : b.hostIds()) {
                    add(h, new Interval(s, e));
                }
            }
            for (BusyBlock block : busyBlocks.values()) {
                add(block.hostId(), new Interval(block.start(), block.end()));
            }
            if (withReservations) {
                for (Reservation r : reservations.values()) {
                    if (r.activeAt(now)) {
                        for (long h : r.hostIds()) {
                            add(h, new Interval(r.slotStart(), r.slotEnd()));
                        }
                    }
                }
            }
        }

        private void add(long hostId, Interval iv) {
            byHost.computeIfAbsent(hostId, k -> new ArrayList<>()).add(iv);
        }

        boolean free(long hostId, Instant start, Instant end) {
            Instant s = start.minus(before);
            Instant e = end.plus(after);
            for (Interval iv : byHost.getOrDefault(hostId, List.of())) {
                if (iv.overlaps(s, e)) {
                    return false;
                }
            }
            return true;
        }
    }
}
