package io.slotgate.slots;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Cal.com's slot arithmetic for one event type in one requested zone, on epoch milliseconds: the interval a run of slots
 * is aligned to, the alignment itself, and when a slot fits (packages/features/schedules/lib/slots.ts,
 * {@code buildSlotsWithDateRanges} and {@code getCorrectedSlotStartTime}).
 */
final class SlotGrid {
    static final long SECOND = 1_000L;
    static final long MINUTE = 60_000L;
    private static final int[] INTERVALS = {60, 30, 20, 15, 10, 5};

    final int frequencyMinutes;
    final int lengthMinutes;
    final int intervalMinutes;
    final long step;
    final long interval;
    final long length;
    final ZoneId zone;

    SlotGrid(int frequencyMinutes, int lengthMinutes, ZoneId zone) {
        this.frequencyMinutes = frequencyMinutes;
        this.lengthMinutes = lengthMinutes;
        this.intervalMinutes = intervalOf(frequencyMinutes);
        this.step = frequencyMinutes * MINUTE;
        this.interval = intervalMinutes * MINUTE;
        this.length = lengthMinutes * MINUTE;
        this.zone = zone;
    }

    /** The largest of 60, 30, 20, 15, 10, 5 that divides the frequency; 1 when none does (Cal.com's default). */
    static int intervalOf(int frequencyMinutes) {
        for (int candidate : INTERVALS) {
            if (frequencyMinutes % candidate == 0) {
                return candidate;
            }
        }
        return 1;
    }

    /** Every slot sits on one fixed lattice (the frequency is its own interval): the clock cannot move the grid. */
    boolean lattice() {
        return frequencyMinutes == intervalMinutes;
    }

    static long floorMinute(long t) {
        return Math.floorDiv(t, MINUTE) * MINUTE;
    }

    /**
     * Where a run of slots that Cal.com starts at {@code t} really starts: seconds dropped, then rounded up to the
     * interval counted from the start of the hour in the requested zone.
     */
    long align(long t) {
        long minute = floorMinute(t);
        long local = Math.floorDiv(minute, MINUTE) + offsetMinutes(minute);
        long rest = Math.floorMod(local, intervalMinutes);
        return rest == 0 ? minute : minute + (intervalMinutes - rest) * MINUTE;
    }

    /** The first aligned start at or after {@code t} (align itself drops seconds first, so it may land before). */
    long alignedAtOrAfter(long t) {
        long c = align(t);
        return c < t ? align(c + MINUTE) : c;
    }

    boolean aligned(long t) {
        return floorMinute(t) == t && align(t) == t;
    }

    private int offsetMinutes(long t) {
        return Math.floorDiv(zone.getRules().getOffset(Instant.ofEpochMilli(t)).getTotalSeconds(), 60);
    }

    /** The last instant a slot starting at {@code start} needs inside its free range: start + length - 1 s. */
    long reach(long start) {
        return start + length - SECOND;
    }

    /** Cal.com's conflict test for a reservation {@code [from, to)} against the slot starting at {@code start}. */
    boolean conflicts(long start, long from, long to) {
        return from < start + length && to > start;
    }

    /** The first position at or after {@code t} on the grid through {@code phase}. */
    long onOrAfter(long t, long phase) {
        return phase + Math.ceilDiv(t - phase, step) * step;
    }

    boolean samePhase(long a, long b) {
        return Math.floorMod(a - b, step) == 0;
    }
}
