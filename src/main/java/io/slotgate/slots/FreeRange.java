package io.slotgate.slots;

import java.util.ArrayList;
import java.util.List;

/**
 * One free range as a world of {@link FreeRanges} has it: where it may start, the runs seen of it (each
 * {@code [first present slot, its reach]}, certainly free), and how far it may reach.
 */
record FreeRange(List<FreeRange.Starts> starts, List<long[]> runs, long reachesAtMost) {
    /** Cal.com's start of a free range, floored to the minute, lies in {@code (after, upTo]}. */
    record Starts(long after, long upTo) {
        static final long OPEN = Long.MIN_VALUE;

        boolean open() {
            return after == OPEN;
        }
    }

    long earliestPresent() {
        return runs.get(0)[0];
    }

    long freeUntil() {
        return runs.stream().mapToLong(r -> r[1]).max().orElseThrow();
    }

    /** The first minute the range may start at; {@code Long.MIN_VALUE} when it may start any time before. */
    long earliestStart() {
        long earliest = Long.MAX_VALUE;
        for (Starts s : starts) {
            earliest = Math.min(earliest, s.open() ? Long.MIN_VALUE : s.after() + SlotGrid.MINUTE);
        }
        return earliest;
    }

    long latestStart() {
        return starts.stream().mapToLong(Starts::upTo).max().orElseThrow();
    }

    /**
     * Two free ranges that touch (one ends where the next begins) look like one run when the touch falls on the
     * run's grid, and a slot laid on another phase across such a point fits neither: with slots exactly as long
     * as their step, every grid point inside a run is such a place. (Longer slots leave a gap in the run at a
     * touch, so their runs are single ranges.)
     */
    boolean mayStraddleATouch(SlotGrid grid, long anchor, long c) {
        if (grid.lengthMinutes > grid.frequencyMinutes) {
            return false;
        }
        for (long[] run : runs) {
            if (grid.samePhase(anchor, run[0])) {
                continue;
            }
            long inside = grid.onOrAfter(c + 1, run[0]);
            if (inside <= grid.reach(c) && inside > run[0] && grid.reach(inside) <= run[1]) {
                return true;
            }
        }
        return false;
    }

    /** Two ranges read as one, or null when what the fills saw of them cannot be one range. */
    static FreeRange join(FreeRange left, FreeRange right) {
        long reach = Math.min(left.reachesAtMost(), right.reachesAtMost());
        List<Starts> starts = intersect(left.starts(), right.starts());
        if (reach < Math.max(left.freeUntil(), right.freeUntil()) || starts.isEmpty()) {
            return null;
        }
        List<long[]> runs = new ArrayList<>(left.runs());
        runs.addAll(right.runs());
        return new FreeRange(starts, List.copyOf(runs), reach);
    }

    private static List<Starts> intersect(List<Starts> a, List<Starts> b) {
        List<Starts> out = new ArrayList<>();
        for (Starts x : a) {
            for (Starts y : b) {
                long after = Math.max(x.after(), y.after());
                long upTo = Math.min(x.upTo(), y.upTo());
                if (upTo > after) {
                    out.add(new Starts(after, upTo));
                }
            }
        }
        return out;
    }

    /** The starts that lie after {@code after}, each cut there. */
    static List<Starts> clampAfter(List<Starts> starts, long after) {
        List<Starts> out = new ArrayList<>();
        for (Starts s : starts) {
            long lo = Math.max(s.after(), after);
            if (s.upTo() > lo) {
                out.add(new Starts(lo, s.upTo()));
            }
        }
        return out;
    }
}
