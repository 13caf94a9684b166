package io.slotgate.slots;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive day slices read as one timeline: which fill vouches for which day, what each day laid out, held or
 * left unknown. What a fill proves about one grid position is {@link Presence}'s; where a query may not trust the
 * fills near their edges, {@link EdgeDoubts}'.
 */
final class Composition {
    static final long DAY = 86_400_000L;

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
    private final EdgeDoubts doubts = new EdgeDoubts();
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

    /** Marks the slots near the fills' edges this query's window reaches past: see {@link EdgeDoubts}. */
    void doubtEdges(long startTime, long end) {
        doubts.doubtEdges(this, startTime, end);
    }

    /** The stretches of slot starts doubtEdges found. */
    List<long[]> doubtfulStretches() {
        return doubts.stretches();
    }

    boolean doubtful(long position) {
        return doubts.contains(position);
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

    static boolean within(List<long[]> stretches, long position) {
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
