package io.slotgate.slots;

import io.slotgate.slots.FreeRanges.Range;
import io.slotgate.slots.FreeRanges.Starts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Re-runs Cal.com's slot rules for one query over what the slices prove, with one of three strategies:
 * <ul>
 *   <li><b>lattice</b> (the frequency is its own interval): every slot of every range sits on one fixed lattice, so
 *   each position is decided on its own by the fill of its day or a neighbour's edge flag;</li>
 *   <li><b>stable</b>: the fills laid out (and may have hidden) nothing within one step and one length before the
 *   query's lower bound, nor before a midnight where two fills meet, so Cal.com lays every range exactly as the fills
 *   did, whatever the hosts and frequency;</li>
 *   <li><b>ranges</b> (non-overlapping ranges, slots at least as long as their step): the free ranges are
 *   reconstructed ({@link FreeRanges}) and laid out again from the query's lower bound.</li>
 * </ul>
 */
final class Serving {
    private static final int MAX_ANCHORS = 64;

    /** The slots certainly in Cal.com's answer, whether they are all of it, and if not, the first reason why not. */
    record Outcome(long[] certain, boolean complete, String doubt) {
        static Outcome nothing(String doubt) {
            return new Outcome(new long[0], false, doubt);
        }

        static Outcome of(List<Long> certain, String doubt) {
            return new Outcome(certain.stream().mapToLong(Long::longValue).toArray(), doubt == null, doubt);
        }

        Outcome meet(Outcome other) {
            long[] common = Arrays.stream(certain).filter(c -> Arrays.binarySearch(other.certain, c) >= 0).toArray();
            String why = doubt != null ? doubt : other.doubt != null ? other.doubt
                    : Arrays.equals(certain, other.certain) ? null : "ways the slices allow lay different slots";
            return new Outcome(common, why == null, why);
        }

        Outcome doubted(String why) {
            return doubt != null ? this : new Outcome(certain, false, why);
        }
    }

    /** One {@code GET /v2/slots} as Cal.com reads it at {@code now}: start, end and notice on epoch milliseconds. */
    record Query(long start, long end, long now, int noticeMinutes) {
        /** {@code getStartTime}'s max(start, now + max(notice, 1 min)), floored the way the slot builder floors it. */
        long bound() {
            return SlotGrid.floorMinute(Math.max(start, now + Math.max(noticeMinutes, 1) * SlotGrid.MINUTE));
        }

        /**
         * The window's start as the bookings are read for it ({@code calculateHostsAndAvailabilities}): a booking that
         * ends before it is not loaded, and its buffers with it.
         */
        long startTime() {
            return Math.max(start, now + Math.max(noticeMinutes, 1) * SlotGrid.MINUTE);
        }

        /** {@code isTimeOutOfBounds}: a slot before now + notice is dropped after the grid is laid. */
        boolean insideNotice(long c) {
            return noticeMinutes > 0 && c < now + noticeMinutes * SlotGrid.MINUTE;
        }

        /**
         * Cal.com's 23:59 rule ({@code processWorkingHours}) moves a range clipped at the query's end on by one minute
         * when that end reads 23:59 in the host's zone; every zone's offset is a multiple of 15 minutes, so only an end
         * whose minute is 14, 29, 44 or 59 can.
         */
        long stretchedEnd() {
            long minute = Math.floorMod(Math.floorDiv(end, SlotGrid.MINUTE), 60);
            return minute % 15 == 14 ? end + SlotGrid.MINUTE : end;
        }
    }

    private enum Verdict { IN, OUT, UNSURE }

    private Serving() {
    }

    static Outcome serve(Composition composition, Query query) {
        if (!composition.sameAlignmentClass()) {
            return Outcome.nothing("a slice was laid out in another alignment class");
        }
        composition.doubtEdges(query.startTime(), query.end());
        SlotGrid grid = composition.grid;
        if (grid.lattice()) {
            return lattice(composition, query);
        }
        StringBuilder unstable = new StringBuilder();
        Outcome stable = stable(composition, query, unstable);
        if (stable != null) {
            return stable;
        }
        if (composition.aggregation == FillShape.Aggregation.MERGED && grid.frequencyMinutes <= grid.lengthMinutes) {
            return ranges(composition, query);
        }
        return Outcome.nothing((composition.aggregation == FillShape.Aggregation.UNITED
                ? "round robin off the lattice: " : "slots shorter than their step off the lattice: ") + unstable);
    }

    // ------------------------------------------------------------------------------------------------ lattice

    private static Outcome lattice(Composition composition, Query query) {
        SlotGrid grid = composition.grid;
        List<Long> in = new ArrayList<>();
        String doubt = null;
        Edges edges = Edges.of(composition, query, new FreeRanges(composition).pieces());
        for (long c = grid.align(query.bound()); grid.reach(c) <= query.stretchedEnd(); c += grid.step) {
            if (query.insideNotice(c) || composition.held(c)) {
                continue;
            }
            Verdict verdict = latticeVerdict(composition, query, edges, c);
            if (verdict == Verdict.IN) {
                in.add(c);
            } else if (verdict == Verdict.UNSURE && doubt == null) {
                doubt = !composition.laidOut(composition.dayOf(c), c) && edges.mayHaveFreedUp(grid, c)
                        ? "a booking's buffers may no longer reach into the window's edge"
                        : composition.doubtful(c) ? "a booking the fill never loaded may reach over a slot"
                        : grid.reach(c) > query.end() ? "the 23:59 rule may stretch a range past the query's end"
                        : "no fill saw one of the slots, nor a neighbour's edge";
            }
        }
        return Outcome.of(in, doubt);
    }

    private static Verdict latticeVerdict(Composition composition, Query query, Edges edges, long c) {
        SlotGrid grid = composition.grid;
        int day = composition.dayOf(c);
        FillShape shape = composition.shape(day);
        boolean laid = composition.laidOut(day, c);
        long until = Composition.until(shape);
        if (laid && composition.doubtful(c) || !laid && edges.mayHaveFreedUp(grid, c)) {
            return Verdict.UNSURE;
        }
        if (grid.reach(c) > query.end()) {
            if (until != query.end()) {
                return Verdict.UNSURE;
            }
            return laid ? Verdict.IN : startCovered(composition, shape, c) ? Verdict.OUT : Verdict.UNSURE;
        }
        if (laid) {
            return grid.reach(c) <= until ? Verdict.IN : Verdict.UNSURE;
        }
        if (composition.covered(c)) {
            return Verdict.OUT;
        }
        Verdict vouched = vouched(composition, day, c);
        return vouched == Verdict.IN && composition.doubtful(c) ? Verdict.UNSURE : vouched;
    }

    /**
     * Where this query may see free time the fills did not: a booking that ends before the window's start, or begins
     * after its end, is not loaded, and the time its buffers covered within the window is free. That can only happen
     * at a window edge the fill did not share (its clip before the start, its end after the window's), and not where
     * the fill's runs show the hosts free right at the edge (no booking was stretched over it). Round-robin runs only
     * show that some host was free, so they prove nothing here.
     */
    record Edges(long freeFrom, long freeUntil, long startTime, long end) {
        static Edges of(Composition composition, Query query, List<long[]> pieces) {
            long startTime = query.startTime();
            long end = query.end();
            boolean merged = composition.aggregation == FillShape.Aggregation.MERGED;
            int startDay = composition.dayOf(startTime);
            boolean startMoves = composition.stretchAfter > 0 && startDay >= 0
                    && composition.shape(startDay).earliestFrom().toEpochMilli() < startTime
                    && !(merged && inside(pieces, startTime));
            int endDay = composition.dayOf(end);
            boolean endMoves = composition.stretchBefore > 0 && endDay >= 0
                    && Composition.until(composition.shape(endDay)) > end
                    && !(merged && inside(pieces, end));
            return new Edges(startMoves ? startTime + composition.stretchAfter : Long.MIN_VALUE,
                    endMoves ? end - composition.stretchBefore : Long.MAX_VALUE, startTime, end);
        }

        private static boolean inside(List<long[]> pieces, long t) {
            return pieces.stream().anyMatch(p -> p[0] <= t && t <= p[1]);
        }

        boolean startMoves() {
            return freeFrom != Long.MIN_VALUE;
        }

        boolean endMoves() {
            return freeUntil != Long.MAX_VALUE;
        }

        /** A slot the fills ruled out may fit now: it starts where the start's buffers freed up, or ends where the end's did. */
        boolean mayHaveFreedUp(SlotGrid grid, long c) {
            return c < freeFrom || grid.reach(c) > freeUntil;
        }
    }

    private static boolean startCovered(Composition composition, FillShape shape, long c) {
        return c >= composition.coveredFrom(shape) && !composition.unknown(c);
    }

    /** A position its own fill cannot see may be the one a neighbouring day's fill saw (or ruled out) at its edge. */
    private static Verdict vouched(Composition composition, int day, long c) {
        SlotGrid grid = composition.grid;
        Verdict before = Verdict.UNSURE;
        if (day > 0) {
            long[] previous = composition.starts(day - 1);
            if (previous.length > 0 && previous[previous.length - 1] + grid.step == c) {
                before = edge(composition, composition.days.get(day - 1).continuesIntoNextDay(),
                        composition.shape(day - 1), c);
            }
        }
        Verdict after = Verdict.UNSURE;
        if (day + 1 < composition.size()) {
            long[] next = composition.starts(day + 1);
            if (next.length > 0 && next[0] - grid.step == c) {
                after = edge(composition, composition.days.get(day + 1).continuesFromPreviousDay(),
                        composition.shape(day + 1), c);
            }
        }
        if (before == Verdict.UNSURE) {
            return after;
        }
        return after == Verdict.UNSURE || after == before ? before : Verdict.UNSURE;
    }

    private static Verdict edge(Composition composition, boolean flagged, FillShape shape, long c) {
        if (flagged) {
            return Verdict.IN;
        }
        boolean seen = c >= composition.coveredFrom(shape) && composition.grid.reach(c) <= Composition.until(shape)
                && !composition.unknown(c);
        return seen ? Verdict.OUT : Verdict.UNSURE;
    }

    // ---------------------------------------------------------------------------------------------- unchanged

    /**
     * Null when the query may lay some range differently from the fill. Cal.com lays a range again only where the
     * query's bound cuts it (a range alive at the bound restarts there) or where a later run's snap loses the slot it
     * snapped to (one just before the bound). A range alive at the bound that the fill laid out would show a slot
     * within one step and one length before it; so if the fill laid, and could have hidden, none there, neither
     * happens, and every range the query sees is laid as the fill laid it: whatever the frequency or the hosts.
     */
    private static Outcome stable(Composition composition, Query query, StringBuilder why) {
        SlotGrid grid = composition.grid;
        long bound = query.bound();
        long before = grid.step + grid.length;
        FillShape first = composition.shape(0);
        if (bound - before < composition.start() && first.start().toEpochMilli() < composition.start()) {
            why.append("the fill laid the approach on a day not given");
            return null;
        }
        for (int segment = 0; segment < composition.segmentCount(); segment++) {
            FillShape shape = composition.segmentShape(segment);
            long start = shape.start().toEpochMilli();
            long knownFrom = shape.knownFrom().toEpochMilli();
            long opens = composition.dayStart(composition.segmentFirstDay(segment));
            if (knownFrom != start && SlotGrid.floorMinute(knownFrom) > Math.max(bound, opens)) {
                why.append("the fill's clip may come after the bound");
                return null;
            }
            if (query.noticeMinutes() > 0 && knownFrom != start && bound > grid.align(shape.earliestFrom().toEpochMilli())
                    && bound < knownFrom + before + grid.interval) {
                why.append("the range the fill clipped may have lost its first slot to the notice and never shown");
                return null;
            }
            if (segment > 0 && opens > bound && opens <= query.end()) {
                // where two fills meet inside the window, nothing may run across: the earlier fill laid nothing
                // just before, and saw the slots that would cross
                if (Composition.until(composition.segmentShape(segment - 1)) < opens + grid.length) {
                    why.append("a slot may cross where two fills meet");
                    return null;
                }
                String crossing = quietBefore(composition, opens);
                if (crossing != null) {
                    why.append(crossing);
                    return null;
                }
            }
        }
        String approach = quietBefore(composition, bound);
        if (approach != null) {
            why.append(approach);
            return null;
        }
        int startDay = composition.dayOf(query.startTime());
        int endDay = composition.dayOf(query.end());
        if (composition.stretchAfter > 0 && startDay >= 0
                && composition.shape(startDay).earliestFrom().toEpochMilli() < query.startTime()
                || composition.stretchBefore > 0 && endDay >= 0
                && Composition.until(composition.shape(endDay)) > query.end()) {
            why.append("another window loads other bookings, whose buffers reach into this one");
            return null;
        }
        List<Long> in = new ArrayList<>();
        String doubt = null;
        for (int day = 0; day < composition.size(); day++) {
            long until = Composition.until(composition.shape(day));
            for (long c : composition.starts(day)) {
                long reach = grid.reach(c);
                if (c < bound || reach > query.stretchedEnd() || query.insideNotice(c) || composition.held(c)) {
                    continue;
                }
                if (composition.doubtful(c)) {
                    doubt = "a booking the fill never loaded may reach over a slot";
                } else if (reach > query.end() ? until == query.end() : reach <= until) {
                    in.add(c);
                } else {
                    doubt = "the 23:59 rule may stretch a range past the query's end";
                }
            }
        }
        if (endDay >= 0 && Composition.until(composition.shape(endDay)) != query.end()
                && stretchable(composition, query, bound)) {
            doubt = "the 23:59 rule may stretch a range past the query's end";
        }
        for (long[] unknown : composition.unknownIntervals()) {
            if (unknown[1] >= bound && unknown[0] <= query.end()) {
                doubt = "a free range no slice shows may hold a slot: a stretch a conservative block left unknown";
            }
        }
        return Outcome.of(in, doubt);
    }

    /**
     * Null when no fill laid a slot within one step and one length before {@code t}, and nothing (a hold, an unknown
     * stretch, a doubt) could hide one there: then no range laid out is alive at {@code t}, and no later run was
     * snapped onto a slot before it. Else why not.
     */
    private static String quietBefore(Composition composition, long t) {
        SlotGrid grid = composition.grid;
        long from = t - grid.step - grid.length;
        // a range that starts within a length before t shows no slot there unless its fill saw the slots crossing t
        int last = composition.dayOf(t);
        for (int day = Math.max(0, composition.dayOf(Math.max(from, composition.start()))); day >= 0
                && day <= (last < 0 ? composition.size() - 1 : last); day++) {
            if (Composition.until(composition.shape(day)) < t + grid.length - SlotGrid.SECOND) {
                return "a slot may cross where a fill ends, just after the bound or a fill's edge";
            }
        }
        for (int day = 0; day < composition.size(); day++) {
            for (long c : composition.starts(day)) {
                if (c >= from && c < t) {
                    return "the fill laid a slot just before the bound or a fill's edge: a range alive there restarts";
                }
            }
        }
        for (long[] hold : composition.holds()) {
            if (hold[0] - grid.length < t && hold[1] > from) {
                return "a hold may hide a slot just before the bound or a fill's edge";
            }
        }
        for (long[] stretch : composition.unknownIntervals()) {
            if (stretch[0] < t && stretch[1] >= from) {
                return "a stretch just before the bound or a fill's edge is unknown";
            }
        }
        for (long[] stretch : composition.doubtfulStretches()) {
            if (stretch[0] < t && stretch[1] >= from) {
                return "a booking the fill never loaded may reach just before the bound or a fill's edge";
            }
        }
        return null;
    }

    /** Some aligned slot could end within the minute Cal.com's 23:59 rule may add after the query's end. */
    private static boolean stretchable(Composition composition, Query query, long bound) {
        SlotGrid grid = composition.grid;
        long from = Math.max(grid.align(bound), query.end() - grid.length + SlotGrid.SECOND + 1);
        long c = grid.alignedAtOrAfter(from);
        return c >= bound && grid.reach(c) <= query.stretchedEnd() && !query.insideNotice(c) && !composition.held(c);
    }

    // ------------------------------------------------------------------------------------------------- ranges

    private static Outcome ranges(Composition composition, Query query) {
        FreeRanges free = new FreeRanges(composition);
        List<List<Range>> worlds = free.worlds();
        if (worlds == null) {
            return Outcome.nothing("too many links between runs are unknown");
        }
        if (worlds.isEmpty()) {
            return Outcome.nothing("the slices contradict each other (fills that saw different things)");
        }
        Outcome outcome = null;
        Edges edges = Edges.of(composition, query, free.pieces());
        for (List<Range> world : worlds) {
            Outcome one = layWorld(composition, query, edges, world);
            outcome = outcome == null ? one : outcome.meet(one);
        }
        String unseen = unseenMayOffer(composition, query, edges, free.pieces());
        return unseen == null ? outcome : outcome.doubted(unseen);
    }

    private static Outcome layWorld(Composition composition, Query query, Edges edges, List<Range> world) {
        TreeSet<Long> in = new TreeSet<>();
        String doubt = null;
        long bound = query.bound();
        for (Range seen : world) {
            Range range = withBuffersComingAndGoing(composition, edges, seen);
            if (range.reachesAtMost() < bound) {
                continue;
            }
            List<Long> anchors = anchors(composition.grid, range, bound);
            if (anchors == null) {
                doubt = doubt != null ? doubt : "a range may start at too many places";
                continue;
            }
            Outcome common = null;
            for (long anchor : anchors) {
                Outcome laid = layRange(composition, query, range, anchor);
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
        return Outcome.of(new ArrayList<>(in), doubt);
    }

    /**
     * The range as this query's window may see it: a booking that ended before the window's start no longer stretches
     * over the time before the range (which may then start as early as the window), and one that begins after the
     * window's end no longer stretches over the time after it (which may then reach the window's end).
     */
    private static Range withBuffersComingAndGoing(Composition composition, Edges edges, Range range) {
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
        return new Range(starts, range.runs(), reach);
    }

    /** Where Cal.com may begin this range's run now: align(max(start, bound)) for every start the range allows. */
    private static List<Long> anchors(SlotGrid grid, Range range, long bound) {
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

    private static Outcome layRange(Composition composition, Query query, Range range, long anchor) {
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
        return Outcome.of(in, doubt);
    }

    /** The fill of this day ended where the query ends, so Cal.com's 23:59 rule treated both alike. */
    private static boolean stretchedByTheFill(Composition composition, Query query, long c) {
        int day = composition.dayOf(c);
        return day >= 0 && Composition.until(composition.shape(day)) == query.end() && composition.laidOut(day, c);
    }

    /**
     * A free range no slice shows may still hold a slot now: where a fill could not see (past its end, before its
     * clip, in an unknown stretch), where a hold hid a whole short range that the query now lays from another anchor,
     * just after a fill's notice bound (the range it clipped there lost its first slot to the notice), and at the
     * first day of a fill that began earlier, whose run for a range from the day before lies outside the slices.
     */
    private static String unseenMayOffer(Composition composition, Query query, Edges edges, List<long[]> pieces) {
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
