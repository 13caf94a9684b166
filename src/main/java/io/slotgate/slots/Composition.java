package io.slotgate.slots;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive day slices read as one timeline: which fill vouches for which day, and what a fill's slots prove about
 * one grid position (laid out, ruled out, or not known).
 */
final class Composition {
    static final long DAY = 86_400_000L;

    /** What one fill's answer says about a slot starting at a given position on its grid. */
    enum Presence {
        /** The fill laid the slot out. */
        PRESENT,
        /** The fill would have laid it out had its free range held it, and did not. */
        ABSENT,
        /** A hold, an unknown stretch or Cal.com's 23:59 rule at the fill's end hides whether it was there. */
        UNKNOWN,
        /** Before the fill's clip: the fill could not lay it out (or dropped it inside the notice). */
        CLIPPED,
        /** It would end after the fill's end: the fill could not lay it out. */
        CUT,
        /** On a day the fill's slices here do not show, and not at an edge flag. */
        BEYOND
    }

    final List<DaySlice> days;
    final SlotGrid grid;
    final FillShape.Aggregation aggregation;
    final int noticeMinutes;
    private final long firstDay;
    private final long[][] starts;
    private final int[] segmentOfDay;
    private final List<int[]> segments = new ArrayList<>();
    private final long[][] holds;
    private final long[][] unknown;
    /** Closed stretches of slot starts where a query may not trust what the fills laid out (see doubtEdges). */
    private final List<long[]> doubtful = new ArrayList<>();
    /** The most a booking's start moves earlier (before) and its end later (after) for these slices, in ms. */
    final long stretchBefore;
    final long stretchAfter;

    Composition(List<DaySlice> days, ZoneId zone, int noticeMinutes) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no day slices given");
        }
        this.days = List.copyOf(days);
        FillShape first = days.get(0).shape();
        this.grid = new SlotGrid(first.frequencyMinutes(), first.lengthMinutes(), zone);
        this.aggregation = first.aggregation();
        this.noticeMinutes = noticeMinutes;
        this.firstDay = days.get(0).day().toEpochDay();
        this.starts = new long[days.size()][];
        this.segmentOfDay = new int[days.size()];
        List<long[]> holds = new ArrayList<>();
        List<long[]> unknown = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            DaySlice slice = days.get(i);
            FillShape shape = slice.shape();
            if (slice.day().toEpochDay() != firstDay + i) {
                throw new IllegalArgumentException("day slices must be consecutive days: " + slice.day()
                        + " follows " + days.get(i - 1).day());
            }
            if (shape.frequencyMinutes() != first.frequencyMinutes() || shape.lengthMinutes() != first.lengthMinutes()
                    || shape.aggregation() != first.aggregation()) {
                throw new IllegalArgumentException("day slices of one answer must share frequency, length and"
                        + " aggregation: " + slice.day() + " differs");
            }
            starts[i] = slice.slots().stream().mapToLong(s -> s.start().toEpochMilli()).toArray();
            if (i > 0 && shape.sameFill(days.get(i - 1).shape())) {
                segmentOfDay[i] = segmentOfDay[i - 1];
                segments.get(segmentOfDay[i])[1] = i;
            } else {
                segmentOfDay[i] = segments.size();
                segments.add(new int[]{i, i});
            }
            slice.holds().forEach(h -> holds.add(new long[]{h.start().toEpochMilli(), h.end().toEpochMilli()}));
            slice.unknownStarts().forEach(u -> unknown.add(new long[]{u.start().toEpochMilli(), u.end().toEpochMilli()}));
        }
        this.holds = holds.toArray(long[][]::new);
        this.unknown = unknown.toArray(long[][]::new);
        this.stretchBefore = days.stream().mapToLong(d -> d.shape().stretchBeforeMinutes()).max().orElse(0)
                * SlotGrid.MINUTE;
        this.stretchAfter = days.stream().mapToLong(d -> d.shape().stretchAfterMinutes()).max().orElse(0)
                * SlotGrid.MINUTE;
    }

    int size() {
        return days.size();
    }

    long dayStart(int day) {
        return (firstDay + day) * DAY;
    }

    long start() {
        return dayStart(0);
    }

    long end() {
        return dayStart(days.size());
    }

    /** Index of the day holding {@code t}, or -1 outside the slices. */
    int dayOf(long t) {
        long index = Math.floorDiv(t, DAY) - firstDay;
        return index < 0 || index >= days.size() ? -1 : (int) index;
    }

    FillShape shape(int day) {
        return days.get(day).shape();
    }

    long[] starts(int day) {
        return starts[day];
    }

    int segmentOf(int day) {
        return segmentOfDay[day];
    }

    int segmentCount() {
        return segments.size();
    }

    int segmentFirstDay(int segment) {
        return segments.get(segment)[0];
    }

    int segmentLastDay(int segment) {
        return segments.get(segment)[1];
    }

    FillShape segmentShape(int segment) {
        return shape(segmentFirstDay(segment));
    }

    boolean laidOut(int day, long position) {
        return java.util.Arrays.binarySearch(starts[day], position) >= 0;
    }

    /**
     * Cal.com loads only the bookings that end after a window's start and begin before its end. Where the query's
     * window reaches past a fill's (its end beyond the fill's end, or its start before the fill's clip), a booking
     * the fill never loaded may now stretch over slots the fill laid out near that edge: by its before-stretch past
     * the fill's end, by its after-stretch past the fill's clip.
     */
    void doubtEdges(long startTime, long end) {
        for (int segment = 0; segment < segmentCount(); segment++) {
            FillShape shape = segmentShape(segment);
            long until = until(shape);
            long known = shape.knownFrom().toEpochMilli();
            long first = dayStart(segmentFirstDay(segment));
            long last = dayStart(segmentLastDay(segment) + 1) - 1;
            if (end > until && stretchBefore > 0) {
                addDoubt(Math.max(first, until + SlotGrid.SECOND - stretchBefore - grid.length), last);
            }
            if (startTime < known && stretchAfter > 0) {
                addDoubt(first, Math.min(last, known + stretchAfter));
            }
        }
    }

    private void addDoubt(long from, long to) {
        if (from <= to) {
            doubtful.add(new long[]{from, to});
        }
    }

    /** The stretches of slot starts doubtEdges found. */
    List<long[]> doubtfulStretches() {
        return List.copyOf(doubtful);
    }

    boolean doubtful(long position) {
        return within(doubtful, position);
    }

    /** Laid out by the fill of its day, and nothing the query loads can have taken it. */
    boolean laidAndTrusted(int day, long position) {
        return laidOut(day, position) && !doubtful(position);
    }

    /** The slot at {@code position} overlaps a hold: Cal.com drops it, and a fill made under the hold hid it. */
    boolean held(long position) {
        for (long[] hold : holds) {
            if (grid.conflicts(position, hold[0], hold[1])) {
                return true;
            }
        }
        return false;
    }

    /** Every hold of every slice, {@code [from, to)}. */
    List<long[]> holds() {
        return List.of(holds);
    }

    boolean unknown(long position) {
        return within(List.of(unknown), position);
    }

    private static boolean within(List<long[]> stretches, long position) {
        for (long[] stretch : stretches) {
            if (position >= stretch[0] && position <= stretch[1]) {
                return true;
            }
        }
        return false;
    }

    /** Every stretch of unknown slot starts of every slice, closed. */
    List<long[]> unknownIntervals() {
        return List.of(unknown);
    }

    /** From here on the fill lays out every slot its free ranges hold (with a notice, the clip itself is unsure). */
    long coveredFrom(FillShape shape) {
        long known = shape.knownFrom().toEpochMilli();
        return noticeMinutes > 0 ? known : SlotGrid.floorMinute(known);
    }

    static long until(FillShape shape) {
        return shape.knownUntil().toEpochMilli();
    }

    /** The slot starting at {@code c} lies where the fill of its day lays out everything: its absence means no slot. */
    boolean covered(long c) {
        int day = dayOf(c);
        if (day < 0) {
            return false;
        }
        FillShape shape = shape(day);
        return c >= coveredFrom(shape) && grid.reach(c) <= until(shape) && !unknown(c);
    }

    /** What the fill of {@code segment} says about a slot at {@code p}. */
    Presence presence(int segment, long p) {
        FillShape shape = segmentShape(segment);
        int first = segmentFirstDay(segment);
        int last = segmentLastDay(segment);
        int day = dayOf(p);
        boolean inSegment = day >= first && day <= last;
        if (inSegment && laidOut(day, p)) {
            return grid.reach(p) > until(shape) || doubtful(p) ? Presence.UNKNOWN : Presence.PRESENT;
        }
        boolean edge = false;
        boolean flagged = false;
        if (!inSegment) {
            long dayIndex = Math.floorDiv(p, DAY);
            long[] opening = starts[first];
            if (opening.length > 0 && dayIndex == firstDay + first - 1 && p == opening[0] - grid.step) {
                edge = true;
                flagged = days.get(first).continuesFromPreviousDay();
            }
            long[] closing = starts[last];
            if (closing.length > 0 && dayIndex == firstDay + last + 1 && p == closing[closing.length - 1] + grid.step) {
                edge = true;
                flagged = days.get(last).continuesIntoNextDay();
            }
        }
        if (edge && flagged) {
            return grid.reach(p) > until(shape) || doubtful(p) ? Presence.UNKNOWN : Presence.PRESENT;
        }
        if (held(p) || unknown(p)) {
            return Presence.UNKNOWN;
        }
        if (p < coveredFrom(shape) || p < shape.start().toEpochMilli()) {
            return Presence.CLIPPED;
        }
        if (grid.reach(p) > until(shape)) {
            return Presence.CUT;
        }
        return inSegment || edge ? Presence.ABSENT : Presence.BEYOND;
    }

    /**
     * The slices were laid out in the query zone's alignment class: at every slot and at each day's edges the fill's
     * zone and the query's zone are the same number of minutes off the interval.
     */
    boolean sameAlignmentClass() {
        int interval = grid.intervalMinutes;
        for (int i = 0; i < days.size(); i++) {
            ZoneId fillZone = shape(i).zone();
            if (!sameClass(fillZone, dayStart(i), interval) || !sameClass(fillZone, dayStart(i + 1) - 1, interval)) {
                return false;
            }
            for (long s : starts[i]) {
                if (!grid.aligned(s)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean sameClass(ZoneId fillZone, long t, int interval) {
        Instant at = Instant.ofEpochMilli(t);
        int fill = fillZone.getRules().getOffset(at).getTotalSeconds();
        int query = grid.zone.getRules().getOffset(at).getTotalSeconds();
        return Math.floorMod(fill - query, interval * 60) == 0;
    }
}
