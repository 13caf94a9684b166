package io.slotgate.emulator;

import io.slotgate.emulator.DateRanges.Range;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cal.com's slot computation for one query ({@code _getAvailableSlots} in
 * {@code packages/trpc/server/routers/viewer/slots/util.ts}): the window is clamped to now + notice, each host's free
 * ranges are its schedule for the window less its busy time (bookings and calendar events, stretched by buffers), the
 * hosts combine by scheduling type, slot runs are laid over the result, reservations held by others remove slots, and
 * slots inside the minimum notice are dropped. docs/calcom-slots.md states each rule with its source. Reads the
 * {@link Model}; runs under the emulator's lock.
 */
final class SlotEngine {
    /**
     * One query as Cal.com's core receives it, already validated.
     *
     * @param timeZone      the requested {@code timeZone}; null when none was given (the server's UTC)
     * @param duration      the requested {@code duration}; null when none was given
     * @param rescheduleUid a booking whose own time does not count as busy ({@code bookingUidToReschedule})
     * @param bookerUid     the client's reservation uid ({@code uid} cookie): its own reservations do not block
     */
    record Query(EventTypeSpec type, Instant start, Instant end, ZoneId timeZone, Integer duration,
                 String rescheduleUid, String bookerUid) {
        int length() {
            return duration != null && duration != 0 ? duration : type.lengthMinutes();
        }

        int frequency() {
            return type.slotIntervalMinutes() != null ? type.slotIntervalMinutes() : length();
        }

        ZoneId bookerZone() {
            return timeZone != null ? timeZone : ZoneOffset.UTC;
        }
    }

    /**
     * Cal.com's core fails the whole query: a slot earlier than now reached {@code isTimeOutOfBounds}, which throws
     * {@code BookingDateInPastError} ("Attempting to book a meeting in the past."). Only override ranges, which are
     * not clipped to the window, can produce one (docs/calcom-slots.md).
     */
    static final class SlotInPastException extends RuntimeException {
        SlotInPastException() {
            super("Attempting to book a meeting in the past.", null, false, false);
        }
    }

    /** The most Cal.com stretches a booking search for buffers ({@code getDefinedBufferTimes}). */
    private static final Duration MAX_BUFFER = Duration.ofMinutes(120);
    /** How far around the window calendar busy times are read ({@code getBusyCalendarTimes}). */
    private static final Duration CALENDAR_BEFORE = Duration.ofHours(11);
    private static final Duration CALENDAR_AFTER = Duration.ofHours(14);
    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59, 999_000_000);

    private final Model model;
    private final EmulatorSettings settings;

    SlotEngine(Model model, EmulatorSettings settings) {
        this.model = model;
        this.settings = settings;
    }

    /**
     * The slot starts Cal.com answers for the query at {@code now}, in the order it emits them.
     *
     * @throws SlotInPastException where Cal.com's core would throw
     */
    List<Instant> slots(Query q, Instant now) {
        return settings.anchoring() == SlotAnchoring.CALCOM ? calcom(q, now) : wholeUtcDays(q, now);
    }

    /** The earliest start Cal.com offers at {@code now}: now + notice, or now + one minute floored when notice is 0. */
    static Instant earliestStart(Instant now, int noticeMinutes) {
        return noticeMinutes > 0
                ? now.plus(Duration.ofMinutes(noticeMinutes))
                : now.plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES);
    }

    private List<Instant> calcom(Query q, Instant now) {
        int notice = q.type().minimumBookingNoticeMinutes();
        // getStartTime: the window starts no earlier than now + notice, and never earlier than now + 1 minute.
        Instant noticeStart = now.plus(Duration.ofMinutes(notice == 0 ? 1 : notice));
        Instant startTime = q.start().isBefore(noticeStart) ? noticeStart : q.start();
        List<Instant> runs = runs(q, startTime, q.end(), now.plus(Duration.ofMinutes(notice)));
        List<Instant> out = new ArrayList<>();
        Instant noticeEnd = now.plus(Duration.ofMinutes(notice));
        for (Instant slot : withoutReserved(q, runs, now)) {
            // isTimeOutOfBounds: a slot in the past fails the query; one inside a positive notice is dropped.
            if (slot.isBefore(now)) {
                throw new SlotInPastException();
            }
            if (notice == 0 || !slot.isBefore(noticeEnd)) {
                out.add(slot);
            }
        }
        return out;
    }

    /** {@link SlotAnchoring#WHOLE_UTC_DAYS}: each UTC day on its own, as asked long ahead; then only filters. */
    private List<Instant> wholeUtcDays(Query q, Instant now) {
        Instant earliest = earliestStart(now, q.type().minimumBookingNoticeMinutes());
        Duration lastSecond = Duration.ofMinutes(q.length()).minusSeconds(1);
        Instant windowStart = q.start().truncatedTo(ChronoUnit.MINUTES);
        Instant windowEnd = q.end().truncatedTo(ChronoUnit.SECONDS);
        List<Instant> out = new ArrayList<>();
        for (LocalDate day = utcDay(q.start()); !day.isAfter(utcDay(q.end())); day = day.plusDays(1)) {
            Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant dayEnd = dayStart.plus(Duration.ofDays(1)).minusSeconds(1);
            for (Instant slot : runs(q, dayStart, dayEnd, Instant.EPOCH)) {
                if (utcDay(slot).equals(day) && !slot.isBefore(windowStart) && !slot.isBefore(earliest)
                        && !slot.plus(lastSecond).isAfter(windowEnd)) {
                    out.add(slot);
                }
            }
        }
        return withoutReserved(q, out, now);
    }

    /**
     * The slot runs over the hosts' combined free ranges for the window [startTime, endTime] (already clamped by
     * {@code getStartTime}); {@code noticeFrom} is where a run may start at the earliest.
     */
    private List<Instant> runs(Query q, Instant startTime, Instant endTime, Instant noticeFrom) {
        // getUserAvailability receives the window as dayjs().format() strings: whole seconds.
        Instant dateFrom = startTime.truncatedTo(ChronoUnit.SECONDS);
        Instant dateTo = endTime.truncatedTo(ChronoUnit.SECONDS);
        long widen = q.rescheduleUid() != null && q.duration() != null ? q.duration() : 0;
        Instant bookingsFrom = startTime.minus(Duration.ofMinutes(widen));
        Instant bookingsTo = endTime.plus(Duration.ofMinutes(widen));
        List<List<Range>> perHost = new ArrayList<>();
        for (long hostId : q.type().hostIds()) {
            perHost.add(freeRanges(hostId, q.type(), dateFrom, dateTo, q.bookerZone(), bookingsFrom, bookingsTo,
                    q.rescheduleUid()));
        }
        List<Range> combined = AggregatedAvailability.aggregate(q.type().schedulingType(), perHost);
        ZoneId alignment = settings.alignmentZone() != null ? settings.alignmentZone() : q.bookerZone();
        return SlotRuns.build(combined, q.frequency(), q.length(), alignment, noticeFrom,
                q.type().showOptimizedSlots());
    }

    /**
     * One host's free ranges for [dateFrom, dateTo] as {@code getUserAvailability} computes them for the requested
     * event type: its schedule (working hours clipped to the window, date overrides within a day of it) less the
     * bookings that overlap [bookingsFrom, bookingsTo] and the calendar busy times around the window, each stretched
     * by buffers.
     */
    List<Range> freeRanges(long hostId, EventTypeSpec requested, Instant dateFrom, Instant dateTo, ZoneId bookerZone,
                           Instant bookingsFrom, Instant bookingsTo, String rescheduleUid) {
        Host host = model.hosts.get(hostId);
        if (host == null) {
            return List.of();
        }
        // Overrides are read for dates from the day before dateFrom to the day after dateTo, both read at the
        // booker's offset (the strings carry it).
        ZoneOffset fromOffset = bookerZone.getRules().getOffset(dateFrom);
        ZoneOffset toOffset = bookerZone.getRules().getOffset(dateTo);
        Instant overridesFrom = dateFrom.atOffset(fromOffset).toLocalDate().minusDays(1).atStartOfDay()
                .toInstant(fromOffset);
        Instant overridesTo = dateTo.atOffset(toOffset).toLocalDate().plusDays(1).atTime(END_OF_DAY)
                .toInstant(toOffset);
        List<Range> schedule = ScheduleRanges.build(ScheduleRanges.rows(host.hours()), model.dateOverrides(hostId),
                host.timeZone(), dateFrom, dateTo, overridesFrom, overridesTo);
        return DateRanges.subtract(schedule,
                busy(hostId, requested, dateFrom, dateTo, bookingsFrom, bookingsTo, rescheduleUid));
    }

    /**
     * {@code getBusyTimes}: a booking is busy from its start less (its event type's before buffer + the requested
     * event type's after buffer) to its end plus (its after buffer + the requested before buffer); a calendar busy
     * time from its start less the requested after buffer to its end plus the requested before buffer.
     */
    private List<Range> busy(long hostId, EventTypeSpec requested, Instant dateFrom, Instant dateTo,
                             Instant bookingsFrom, Instant bookingsTo, String rescheduleUid) {
        Duration reqBefore = Duration.ofMinutes(requested.beforeBufferMinutes());
        Duration reqAfter = Duration.ofMinutes(requested.afterBufferMinutes());
        List<Range> busy = new ArrayList<>();
        Booking rescheduled = null;
        for (Booking b : model.bookings.values()) {
            // findAllExistingBookingsForEventTypeBetween: accepted, startTime <= end and endTime >= start.
            if (!b.isAccepted() || !b.hostIds().contains(hostId) || b.start().isAfter(bookingsTo)
                    || b.end().isBefore(bookingsFrom)) {
                continue;
            }
            if (b.uid().equals(rescheduleUid)) {
                rescheduled = b;
                continue;
            }
            EventTypeSpec own = model.eventTypes.get(b.eventTypeId());
            Duration before = Duration.ofMinutes(own == null ? 0 : own.beforeBufferMinutes()).plus(reqAfter);
            Duration after = Duration.ofMinutes(own == null ? 0 : own.afterBufferMinutes()).plus(reqBefore);
            busy.add(new Range(b.start().minus(before), b.end().plus(after)));
        }
        Instant calendarFrom = dateFrom.minus(CALENDAR_BEFORE);
        Instant calendarTo = dateTo.plus(CALENDAR_AFTER);
        List<Range> calendar = new ArrayList<>();
        for (Model.BusyBlock block : model.busyBlocks.values()) {
            if (block.hostId() == hostId && block.start().isBefore(calendarTo) && block.end().isAfter(calendarFrom)) {
                calendar.add(new Range(block.start(), block.end()));
            }
        }
        // The booking being rescheduled also sits in the host's calendar; its own time is not busy there either.
        if (rescheduled != null) {
            calendar = DateRanges.subtract(calendar, List.of(new Range(rescheduled.start(), rescheduled.end())));
        }
        for (Range c : calendar) {
            busy.add(new Range(c.start().minus(reqAfter), c.end().plus(reqBefore)));
        }
        return busy;
    }

    /**
     * {@code _getReservedSlotsAndCleanupExpired} and {@code checkForConflicts}: a slot overlapping a reservation
     * (unexpired, held for any of the event type's hosts, on any event type, by another client) is removed. No
     * buffers apply, and a round-robin slot goes even when another host is free.
     */
    private List<Instant> withoutReserved(Query q, List<Instant> slots, Instant now) {
        Instant nowSeconds = now.truncatedTo(ChronoUnit.SECONDS);
        Set<Long> hosts = Set.copyOf(q.type().hostIds());
        List<Range> reserved = new ArrayList<>();
        for (Model.Reservation r : model.reservations.values()) {
            if (r.until().isAfter(nowSeconds) && !r.uid().equals(q.bookerUid())
                    && r.hostIds().stream().anyMatch(hosts::contains)) {
                reserved.add(new Range(r.slotStart(), r.slotEnd()));
            }
        }
        if (reserved.isEmpty()) {
            return slots;
        }
        Duration length = Duration.ofMinutes(q.length());
        List<Instant> out = new ArrayList<>(slots.size());
        for (Instant slot : slots) {
            Instant end = slot.plus(length);
            if (reserved.stream().noneMatch(r -> r.start().isBefore(end) && r.end().isAfter(slot))) {
                out.add(slot);
            }
        }
        return out;
    }

    /**
     * The hosts free for a booking of {@code type} over [start, end] ({@code ensureAvailableUsers}): the booking
     * must lie inside one of the host's free ranges for that window, buffers and all.
     */
    boolean hostFreeFor(long hostId, EventTypeSpec type, Instant start, Instant end, String rescheduleUid) {
        List<Range> free = freeRanges(hostId, type, start, end, ZoneOffset.UTC, start.minus(MAX_BUFFER),
                end.plus(MAX_BUFFER), rescheduleUid);
        return free.stream().anyMatch(r -> r.contains(start, end));
    }

    private static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
