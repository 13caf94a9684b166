package io.slotgate.slots;

import java.util.ArrayList;
import java.util.List;

/**
 * What the slices prove about the free ranges behind their slots, for event types whose ranges never overlap
 * ({@link FillShape.Aggregation#MERGED}) and whose slots are at least as long as their step.
 *
 * <p>Each run of slots one frequency apart is read as one free range; with slots exactly as long as their step it may be
 * several that touch at its grid points, which {@link Range#mayStraddleATouch} keeps in mind. For each
 * run the fill's answer around it bounds the range: where its start may lie (as intervals of the start's minute), what
 * it certainly holds, and how far it may reach. Between runs the link is known (separate ranges, or one range across
 * two fills that both saw it) or not (a hold hides the slots between, or the fills meet at a day neither saw across);
 * every way the unknown links can go is one {@linkplain #worlds world}.
 */
final class FreeRanges {
    private static final int MAX_OPEN_LINKS = 10;

    /** Cal.com's start of a free range, floored to the minute, lies in {@code (after, upTo]}. */
    record Starts(long after, long upTo) {
        static final long OPEN = Long.MIN_VALUE;

        boolean open() {
            return after == OPEN;
        }
    }

    /**
     * One free range as a world has it: where it may start, the runs seen of it (each {@code [first present slot, its
     * reach]}, certainly free), and how far it may reach.
     */
    record Range(List<Starts> starts, List<long[]> runs, long reachesAtMost) {
        long earliestPresent() {
            return runs.get(0)[0];
        }

        long freeUntil() {
            return runs.stream().mapToLong(r -> r[1]).max().orElseThrow();
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
    }

    private enum Link { JOINED, SEPARATE, OPEN }

    private static final class Run {
        final int segment;
        final long first;
        final long last;
        long earliestPresent;
        long freeUntil;
        long reachesAtMost;
        List<Starts> starts;
        boolean openBefore;
        boolean openAfter;

        Run(int segment, long first, long last) {
            this.segment = segment;
            this.first = first;
            this.last = last;
        }

        Range range() {
            return new Range(starts, List.<long[]>of(new long[]{earliestPresent, freeUntil}), reachesAtMost);
        }
    }

    private final Composition composition;
    private final SlotGrid grid;
    private final List<Run> runs = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();

    FreeRanges(Composition composition) {
        this.composition = composition;
        this.grid = composition.grid;
        for (int segment = 0; segment < composition.segmentCount(); segment++) {
            collectRuns(segment);
        }
        runs.forEach(this::bound);
        for (int i = 0; i + 1 < runs.size(); i++) {
            links.add(link(runs.get(i), runs.get(i + 1)));
        }
    }

    /** Every piece of certainly free time, {@code [earliest present slot, its reach]}, in order. */
    List<long[]> pieces() {
        return runs.stream().map(r -> new long[]{r.earliestPresent, r.freeUntil}).toList();
    }

    /**
     * The worlds the slices allow, each a list of free ranges in order; empty when the slices contradict themselves
     * (they come from fills that saw different things), null when too many links are open to list them.
     */
    List<List<Range>> worlds() {
        if (runs.isEmpty()) {
            return List.of(List.of());
        }
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i) == Link.OPEN) {
                open.add(i);
            }
        }
        if (open.size() > MAX_OPEN_LINKS) {
            return null;
        }
        List<List<Range>> worlds = new ArrayList<>();
        for (int mask = 0; mask < 1 << open.size(); mask++) {
            boolean[] joined = new boolean[links.size()];
            for (int i = 0; i < links.size(); i++) {
                joined[i] = links.get(i) == Link.JOINED;
            }
            for (int bit = 0; bit < open.size(); bit++) {
                joined[open.get(bit)] = (mask >> bit & 1) == 1;
            }
            List<Range> world = world(joined);
            if (world != null) {
                worlds.add(world);
            }
        }
        return worlds;
    }

    private void collectRuns(int segment) {
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
                    runs.add(new Run(segment, first, last));
                }
                first = start;
                last = start;
            }
        }
        if (first != Long.MIN_VALUE) {
            runs.add(new Run(segment, first, last));
        }
    }

    /** Walks the fill's grid away from the run on both sides to bound the range's start and end. */
    private void bound(Run run) {
        FillShape shape = composition.segmentShape(run.segment);
        run.earliestPresent = run.first;
        boolean unknownBetween = false;
        for (long p = run.first - grid.step; ; p -= grid.step) {
            Presence presence = Presence.of(composition, run.segment, p);
            if (presence == Presence.PRESENT && !unknownBetween) {
                run.earliestPresent = p;
                continue;
            }
            if (presence == Presence.UNKNOWN) {
                unknownBetween = true;
                continue;
            }
            long upTo = run.earliestPresent;
            long q = p + grid.step;
            run.starts = switch (presence) {
                case PRESENT -> {
                    run.openBefore = true;
                    yield List.of(new Starts(Starts.OPEN, upTo));
                }
                case ABSENT -> List.of(new Starts(q - grid.interval, upTo));
                case CLIPPED -> clippedOrNot(shape, q, upTo);
                default -> List.of(new Starts(Starts.OPEN, upTo));
            };
            break;
        }
        run.freeUntil = grid.reach(run.last);
        unknownBetween = false;
        for (long p = run.last + grid.step; ; p += grid.step) {
            Presence presence = Presence.of(composition, run.segment, p);
            if (presence == Presence.PRESENT && !unknownBetween) {
                run.freeUntil = grid.reach(p);
                continue;
            }
            if (presence == Presence.UNKNOWN) {
                unknownBetween = true;
                continue;
            }
            if (presence == Presence.PRESENT) {
                run.openAfter = true;
            }
            run.reachesAtMost = presence == Presence.ABSENT ? grid.reach(p) - 1 : Long.MAX_VALUE;
            break;
        }
    }

    /**
     * Before the fill's clip the fill shows nothing, so a run whose first slot could be where a clipped range's run
     * begins (the clip aligned, or one step later when the clip's own slot fell inside the notice) may have started
     * anywhere before the clip.
     */
    private List<Starts> clippedOrNot(FillShape shape, long q, long upTo) {
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

    private Link link(Run left, Run right) {
        if (left.segment == right.segment) {
            return left.openAfter || right.openBefore ? Link.OPEN : Link.SEPARATE;
        }
        if (left.freeUntil >= right.earliestPresent) {
            return Link.JOINED; // both fills saw free time across the boundary: one range
        }
        if (left.reachesAtMost < right.earliestPresent) {
            return Link.SEPARATE;
        }
        long lowest = right.starts.stream().mapToLong(Starts::after).min().orElseThrow();
        if (lowest != Starts.OPEN && lowest >= SlotGrid.floorMinute(left.freeUntil)) {
            return Link.SEPARATE;
        }
        return Link.OPEN;
    }

    /** The ranges of one world, or null when its choices contradict what the fills saw. */
    private List<Range> world(boolean[] joined) {
        List<Range> ranges = new ArrayList<>();
        Range current = runs.get(0).range();
        for (int i = 0; i < links.size(); i++) {
            Range next = runs.get(i + 1).range();
            if (joined[i]) {
                current = join(current, next);
                if (current == null) {
                    return null;
                }
            } else {
                ranges.add(current);
                current = next;
            }
        }
        ranges.add(current);
        for (int i = 0; i + 1 < ranges.size(); i++) {
            Range before = ranges.get(i);
            Range after = ranges.get(i + 1);
            long reach = Math.min(before.reachesAtMost(), after.latestStart() + SlotGrid.MINUTE - 1);
            List<Starts> starts = clampAfter(after.starts(), SlotGrid.floorMinute(before.freeUntil()) - SlotGrid.MINUTE);
            if (reach < before.freeUntil() || starts.isEmpty()) {
                return null;
            }
            ranges.set(i, new Range(before.starts(), before.runs(), reach));
            ranges.set(i + 1, new Range(starts, after.runs(), after.reachesAtMost()));
        }
        return ranges;
    }

    private static Range join(Range left, Range right) {
        long reach = Math.min(left.reachesAtMost(), right.reachesAtMost());
        List<Starts> starts = intersect(left.starts(), right.starts());
        if (reach < Math.max(left.freeUntil(), right.freeUntil()) || starts.isEmpty()) {
            return null;
        }
        List<long[]> runs = new ArrayList<>(left.runs());
        runs.addAll(right.runs());
        return new Range(starts, List.copyOf(runs), reach);
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

    private static List<Starts> clampAfter(List<Starts> starts, long after) {
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
