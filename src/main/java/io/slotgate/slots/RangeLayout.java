package io.slotgate.slots;

import io.slotgate.slots.FreeRange.Starts;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The ranges strategy, for ranges that never overlap and slots at least as long as their step: the free ranges are
 * read from the slices ({@link FreeRanges}) and laid out again from the query's bound.
 */
final class RangeLayout {
    private static final int MAX_ANCHORS = 64;

    private RangeLayout() {
    }

    static Serving.Outcome lay(Composition composition, Serving.Query query) {
        FreeRanges free = new FreeRanges(composition);
        List<List<FreeRange>> worlds = free.worlds();
        if (worlds == null) {
            return Serving.Outcome.nothing("too many links between runs are unknown");
        }
        if (worlds.isEmpty()) {
            return Serving.Outcome.nothing("the slices contradict each other (fills that saw different things)");
        }
        Serving.Outcome outcome = null;
        WindowEdges edges = WindowEdges.of(composition, query, free.pieces());
        for (List<FreeRange> world : worlds) {
            Serving.Outcome one = layWorld(composition, query, edges, world);
            outcome = outcome == null ? one : outcome.meet(one);
        }
        String unseen = unseenMayOffer(composition, query, edges, free.pieces());
        return unseen == null ? outcome : outcome.doubted(unseen);
    }

    private static Serving.Outcome layWorld(Composition composition, Serving.Query query, WindowEdges edges, List<FreeRange> world) {
        TreeSet<Long> in = new TreeSet<>();
        String doubt = null;
        long bound = query.bound();
        for (FreeRange seen : world) {
            FreeRange range = withBuffersComingAndGoing(composition, edges, seen);
            if (range.reachesAtMost() < bound) {
                continue;
            }
            List<Long> anchors = anchors(composition.grid, range, bound);
            if (anchors == null) {
                doubt = doubt != null ? doubt : "a range may start at too many places";
                continue;
            }
            Serving.Outcome common = null;
            for (long anchor : anchors) {
                Serving.Outcome laid = layRange(composition, query, range, anchor);
                common = common == null ? laid : common.meet(laid);
            }
            for (long c : common.certain()) {
                in.add(c);
            }
            if (common.doubt() != null && doubt == null) {
                doubt = anchors.size() > 1 && common.doubt().startsWith("ways") ? "where a range starts is not known"
                        : common.doubt();
            }
        }
        return Serving.Outcome.of(new ArrayList<>(in), doubt);
    }

    /**
     * The range as this query's window may see it: a booking that ended before the window's start no longer stretches
     * over the time before the range (which may then start as early as the window), and one that begins after the
     * window's end no longer stretches over the time after it (which may then reach the window's end).
     */
    private static FreeRange withBuffersComingAndGoing(Composition composition, WindowEdges edges, FreeRange range) {
        List<Starts> starts = range.starts();
        long startTime = edges.startTime();
        long earliest = range.starts().stream().mapToLong(s -> s.open() ? Long.MIN_VALUE : s.after() + SlotGrid.MINUTE)
                .min().orElseThrow();
        if (edges.startMoves() && range.latestStart() >= SlotGrid.floorMinute(startTime)
                && earliest <= edges.freeFrom()) {
            starts = new ArrayList<>(starts);
            starts.add(new Starts(SlotGrid.floorMinute(startTime) - SlotGrid.MINUTE, range.latestStart()));
        }
        long reach = edges.endMoves() && range.reachesAtMost() >= edges.freeUntil()
                ? Math.max(range.reachesAtMost(), edges.end()) : range.reachesAtMost();
        return new FreeRange(starts, range.runs(), reach);
    }

    /** Where Cal.com may begin this range's run now: align(max(start, bound)) for every start the range allows. */
    private static List<Long> anchors(SlotGrid grid, FreeRange range, long bound) {
        TreeSet<Long> anchors = new TreeSet<>();
        for (Starts starts : range.starts()) {
            long low = starts.open() ? bound : Math.max(starts.after() + SlotGrid.MINUTE, bound);
            long high = grid.align(Math.max(starts.upTo(), bound));
            for (long a = grid.align(low); a <= high; a = grid.align(a + SlotGrid.MINUTE)) {
                anchors.add(a);
                if (anchors.size() > MAX_ANCHORS) {
                    return null;
                }
            }
        }
        return new ArrayList<>(anchors);
    }

    private static Serving.Outcome layRange(Composition composition, Serving.Query query, FreeRange range, long anchor) {
        SlotGrid grid = composition.grid;
        List<Long> in = new ArrayList<>();
        String doubt = null;
        for (long c = anchor; ; c += grid.step) {
            long reach = grid.reach(c);
            if (reach > query.stretchedEnd()) {
                break;
            }
            if (reach > query.end()) {
                if (range.reachesAtMost() >= query.end() && !query.insideNotice(c) && !composition.held(c)) {
                    if (stretchedByTheFill(composition, query, c)) {
                        in.add(c);
                    } else {
                        doubt = doubt != null ? doubt : "the 23:59 rule may stretch a range past the query's end";
                    }
                }
                continue;
            }
            if (reach > range.reachesAtMost()) {
                break;
            }
            if (query.insideNotice(c) || composition.held(c)) {
                continue;
            }
            if (reach <= range.freeUntil() && !range.mayStraddleATouch(grid, anchor, c)) {
                in.add(c);
            } else if (doubt == null) {
                doubt = reach <= range.freeUntil() ? "the run may be two free ranges that touch"
                        : "a slot may or may not fit before its range ends";
            }
        }
        return Serving.Outcome.of(in, doubt);
    }

    /** The fill of this day ended where the query ends, so Cal.com's 23:59 rule treated both alike. */
    private static boolean stretchedByTheFill(Composition composition, Serving.Query query, long c) {
        int day = composition.dayOf(c);
        return day >= 0 && Composition.until(composition.shape(day)) == query.end() && composition.laidOut(day, c);
    }

    /**
     * A free range no slice shows may still hold a slot now: where a fill could not see (past its end, before its
     * clip, in an unknown stretch), where a hold hid a whole short range that the query now lays from another anchor,
     * just after a fill's notice bound (the range it clipped there lost its first slot to the notice), and at the
     * first day of a fill that began earlier, whose run for a range from the day before lies outside the slices.
     */
    private static String unseenMayOffer(Composition composition, Serving.Query query, WindowEdges edges, List<long[]> pieces) {
        SlotGrid grid = composition.grid;
        long bound = query.bound();
        List<long[]> regions = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (int day = 0; day < composition.size(); day++) {
            FillShape shape = composition.shape(day);
            long dayStart = composition.dayStart(day);
            long dayEnd = composition.dayStart(day + 1) - 1;
            long coveredFrom = composition.coveredFrom(shape);
            if (coveredFrom > dayStart) {
                regions.add(new long[]{dayStart, Math.min(dayEnd, coveredFrom - 1)});
                why.add("before the fill's clip");
            }
            long lastSeen = Composition.until(shape) - grid.length + SlotGrid.SECOND;
            if (lastSeen < dayEnd) {
                regions.add(new long[]{Math.max(dayStart, lastSeen + 1), dayEnd});
                why.add("a slot may run past its fill's end");
            }
        }
        for (int segment = 0; segment < composition.segmentCount(); segment++) {
            FillShape shape = composition.segmentShape(segment);
            long clip = shape.earliestFrom().toEpochMilli();
            long known = shape.knownFrom().toEpochMilli();
            if (query.noticeMinutes() > 0 && known > shape.start().toEpochMilli() && bound > grid.align(clip)) {
                // the fill's first slot of the range it clipped may have fallen inside its notice, and the next not
                // fitted: a range it never showed, which the later bound lays from another anchor
                regions.add(new long[]{bound, known + grid.step + grid.length + grid.interval});
                why.add("a range the fill clipped at its notice and never showed");
            }
            long dayStart = composition.dayStart(composition.segmentFirstDay(segment));
            if (composition.segmentShape(segment).start().toEpochMilli() < dayStart) {
                // the fill laid a range from the day before, which the query may cut here and lay again
                regions.add(new long[]{dayStart, dayStart + grid.step + grid.length});
                why.add("a range from the day before, laid by its fill outside these slices");
            }
        }
        for (long[] unknown : composition.unknownIntervals()) {
            regions.add(unknown);
            why.add("a stretch a conservative block left unknown");
        }
        for (long[] doubtful : composition.doubtfulStretches()) {
            regions.add(doubtful);
            why.add("a booking the fill never loaded may reach over a slot");
        }
        if (edges.startMoves()) {
            regions.add(new long[]{bound, edges.freeFrom() + grid.interval + grid.length});
            why.add("a booking that ended before the window no longer stretches into it");
        }
        if (edges.endMoves()) {
            // the time freed ends at the window's end; a slot that ends in it may start a length earlier
            regions.add(new long[]{edges.freeUntil() - grid.length + SlotGrid.SECOND, query.end()});
            why.add("a booking that begins after the window no longer stretches into it");
        }
        for (long[] hold : composition.holds()) {
            long reach = grid.length + grid.step;
            long low = hold[0] - reach - grid.interval;
            long high = hold[1] + reach;
            if (bound < high && (bound > low || clipInside(composition, Math.max(bound, low), high))) {
                regions.add(new long[]{Math.max(bound, hold[0] - reach), high});
                why.add("a hold may hide a short range");
            }
        }
        for (int i = 0; i < regions.size(); i++) {
            long[] region = regions.get(i);
            long from = Math.max(region[0], bound);
            for (long c = grid.alignedAtOrAfter(from); c <= region[1] && grid.reach(c) <= query.stretchedEnd();
                 c = grid.align(c + SlotGrid.MINUTE)) {
                if (query.insideNotice(c) || composition.held(c) || overlapsPiece(grid, pieces, c)) {
                    continue;
                }
                return "a free range no slice shows may hold a slot: " + why.get(i);
            }
        }
        return null;
    }

    private static boolean clipInside(Composition composition, long from, long to) {
        for (DaySlice slice : composition.days) {
            long start = slice.shape().start().toEpochMilli();
            long known = slice.shape().knownFrom().toEpochMilli();
            if (start > from && start < to || known > from && known < to) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlapsPiece(SlotGrid grid, List<long[]> pieces, long c) {
        long reach = grid.reach(c);
        for (long[] piece : pieces) {
            if (c <= piece[1] && reach >= piece[0]) {
                return true;
            }
        }
        return false;
    }
}
