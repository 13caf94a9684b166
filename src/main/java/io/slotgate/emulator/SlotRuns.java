package io.slotgate.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Cal.com's {@code buildSlotsWithDateRanges} and {@code getCorrectedSlotStartTime}
 * ({@code packages/features/schedules/lib/slots.ts}): one run of slots per free range, in start order.
 *
 * <p>A run starts at the later of the range's start and now + notice, with seconds zeroed; read in the alignment zone,
 * a start whose minute is not a multiple of the interval is moved up to the next such minute counted from the start of
 * the hour (or, with {@code showOptimizedSlots}, only as far as the range's spare minutes allow). A start that falls
 * inside a slot of an earlier run is snapped onto that run's grid. The run then steps by the frequency while a slot
 * ends (less one second) by the range's end; a start already offered is skipped.
 */
final class SlotRuns {
    /** The intervals whose multiples Cal.com lines slot starts up with, largest first. */
    private static final int[] DEFINED_INTERVALS = {60, 30, 20, 15, 10, 5};

    private SlotRuns() {
    }

    /** The largest of 60, 30, 20, 15, 10, 5 that divides the frequency; 1 when none does. */
    static int interval(int frequency) {
        for (int candidate : DEFINED_INTERVALS) {
            if (frequency % candidate == 0) {
                return candidate;
            }
        }
        return 1;
    }

    /**
     * @param noticeFrom the instant a run may start at the earliest, before seconds are zeroed: now + minimum notice
     *                   (Cal.com's {@code dayjs.utc().add(minimumBookingNotice, "minute")})
     * @return slot starts in the order Cal.com emits them
     */
    static List<Instant> build(List<DateRanges.Range> dateRanges, int frequencyMinutes, int lengthMinutes,
                               ZoneId alignment, Instant noticeFrom, boolean showOptimizedSlots) {
        int frequency = Math.max(1, frequencyMinutes);
        Duration step = Duration.ofMinutes(frequency);
        Duration lastSecond = Duration.ofMinutes(Math.max(1, lengthMinutes)).minusSeconds(1);
        int interval = interval(frequency);
        List<DateRanges.Range> ordered = new ArrayList<>(dateRanges);
        ordered.sort(java.util.Comparator.comparing(DateRanges.Range::start));
        LinkedHashSet<Instant> slots = new LinkedHashSet<>();
        TreeSet<Instant> boundaries = new TreeSet<>();
        for (DateRanges.Range range : ordered) {
            Instant first = range.start().isAfter(noticeFrom) ? range.start() : noticeFrom;
            ZonedDateTime start = first.truncatedTo(ChronoUnit.MINUTES).atZone(alignment);
            if (start.getMinute() % interval != 0) {
                start = corrected(start, range, interval, showOptimizedSlots);
            }
            Instant slot = start.toInstant();
            Instant previous = boundaries.lower(slot);
            // Cal.com tests the previous boundary for truthiness: an epoch-millisecond 0 would not count.
            if (previous != null && previous.toEpochMilli() != 0) {
                Instant previousEnd = previous.plus(step);
                if (previousEnd.isAfter(slot)) {
                    slot = previous.isBefore(range.start()) ? previousEnd : previous;
                }
            }
            for (; !slot.plus(lastSecond).isAfter(range.end()); slot = slot.plus(step)) {
                if (slots.add(slot)) {
                    boundaries.add(slot);
                }
            }
        }
        return new ArrayList<>(slots);
    }

    /** {@code getCorrectedSlotStartTime}, for a start whose local minute is off the interval. */
    private static ZonedDateTime corrected(ZonedDateTime start, DateRanges.Range range, int interval,
                                           boolean showOptimizedSlots) {
        int minute = start.getMinute();
        if (!showOptimizedSlots) {
            return start.truncatedTo(ChronoUnit.HOURS)
                    .plusMinutes((long) Math.ceil(minute / (double) interval) * interval);
        }
        // Optimized: keep as many slots as the range holds, and spend only the spare minutes on a rounder start.
        int toNextInterval = interval - minute % interval;
        int toQuarter = 15 - minute % 15;
        int toFive = 5 - minute % 5;
        long spare = Duration.between(start.toInstant(), range.end()).toMinutes() % interval;
        if (spare >= toNextInterval) {
            return start.plusMinutes(toNextInterval);
        }
        if (spare >= toQuarter) {
            return start.plusMinutes(toQuarter);
        }
        if (spare >= toFive) {
            return start.plusMinutes(toFive);
        }
        return start;
    }
}
