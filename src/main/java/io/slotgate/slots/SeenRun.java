package io.slotgate.slots;

import io.slotgate.slots.FreeRange.Starts;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of slots one frequency apart that a fill laid out, read as one free range, with what the fill's answer
 * around it bounds: where the range may start, the stretch it certainly holds, how far it may reach, and whether the
 * fill shows slots beyond an unknown stretch on either side (then the run may go on there).
 */
record SeenRun(int segment, long earliestPresent, long freeUntil, long reachesAtMost, List<Starts> starts,
               boolean openBefore, boolean openAfter) {

    FreeRange range() {
        return new FreeRange(starts, List.<long[]>of(new long[]{earliestPresent, freeUntil}), reachesAtMost);
    }

    /** Every run of every segment of the slices, in order, each bounded. */
    static List<SeenRun> read(Composition composition) {
        List<SeenRun> runs = new ArrayList<>();
        for (int segment = 0; segment < composition.segmentCount(); segment++) {
            collect(composition, segment, runs);
        }
        return runs;
    }

    private static void collect(Composition composition, int segment, List<SeenRun> runs) {
        SlotGrid grid = composition.grid;
        FillShape shape = composition.segmentShape(segment);
        long until = Composition.until(shape);
        long first = Long.MIN_VALUE;
        long last = Long.MIN_VALUE;
        for (int day = composition.segmentFirstDay(segment); day <= composition.segmentLastDay(segment); day++) {
            for (long start : composition.starts(day)) {
                if (grid.reach(start) > until || composition.doubtful(start)) {
                    continue; // laid out only by the 23:59 rule at the fill's end, or near an edge the query crosses
                }
                if (first != Long.MIN_VALUE && start - last == grid.step) {
                    last = start;
                    continue;
                }
                if (first != Long.MIN_VALUE) {
                    runs.add(bound(composition, segment, first, last));
                }
                first = start;
                last = start;
            }
        }
        if (first != Long.MIN_VALUE) {
            runs.add(bound(composition, segment, first, last));
        }
    }

    /** Walks the fill's grid away from the run on both sides to bound the range's start and end. */
    private static SeenRun bound(Composition composition, int segment, long first, long last) {
        SlotGrid grid = composition.grid;
        long earliestPresent = first;
        boolean openBefore;
        List<Starts> starts;
        boolean unknownBetween = false;
        for (long p = first - grid.step; ; p -= grid.step) {
            Presence presence = Presence.of(composition, segment, p);
            if (presence == Presence.PRESENT && !unknownBetween) {
                earliestPresent = p;
                continue;
            }
            if (presence == Presence.UNKNOWN) {
                unknownBetween = true;
                continue;
            }
            long upTo = earliestPresent;
            long q = p + grid.step;
            openBefore = presence == Presence.PRESENT;
            starts = switch (presence) {
                case PRESENT -> List.of(new Starts(Starts.OPEN, upTo));
                case ABSENT -> List.of(new Starts(q - grid.interval, upTo));
                case CLIPPED -> clippedOrNot(composition, composition.segmentShape(segment), q, upTo);
                default -> List.of(new Starts(Starts.OPEN, upTo));
            };
            break;
        }
        long freeUntil = grid.reach(last);
        boolean openAfter;
        long reachesAtMost;
        unknownBetween = false;
        for (long p = last + grid.step; ; p += grid.step) {
            Presence presence = Presence.of(composition, segment, p);
            if (presence == Presence.PRESENT && !unknownBetween) {
                freeUntil = grid.reach(p);
                continue;
            }
            if (presence == Presence.UNKNOWN) {
                unknownBetween = true;
                continue;
            }
            openAfter = presence == Presence.PRESENT;
            reachesAtMost = presence == Presence.ABSENT ? grid.reach(p) - 1 : Long.MAX_VALUE;
            break;
        }
        return new SeenRun(segment, earliestPresent, freeUntil, reachesAtMost, starts, openBefore, openAfter);
    }

    /**
     * Before the fill's clip the fill shows nothing, so a run whose first slot could be where a clipped range's run
     * begins (the clip aligned, or one step later when the clip's own slot fell inside the notice) may have started
     * anywhere before the clip.
     */
    private static List<Starts> clippedOrNot(Composition composition, FillShape shape, long q, long upTo) {
        SlotGrid grid = composition.grid;
        Starts after = new Starts(q - grid.interval, upTo);
        long clipLow = shape.earliestFrom().toEpochMilli();
        long clipHigh = shape.knownFrom().toEpochMilli();
        boolean clipAnchor = q >= grid.align(clipLow) && q <= grid.align(clipHigh);
        boolean droppedAnchor = composition.noticeMinutes > 0 && clipHigh > shape.start().toEpochMilli()
                && q - grid.step >= SlotGrid.floorMinute(clipLow) && q - grid.step <= SlotGrid.floorMinute(clipHigh);
        if (!clipAnchor && !droppedAnchor) {
            return List.of(after);
        }
        long clipped = Math.min(SlotGrid.floorMinute(clipHigh), upTo);
        return clipped > after.after() ? List.of(new Starts(Starts.OPEN, upTo)) : List.of(
                new Starts(Starts.OPEN, clipped), after);
    }
}
