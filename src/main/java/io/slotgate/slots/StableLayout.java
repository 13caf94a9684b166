package io.slotgate.slots;

import java.util.ArrayList;
import java.util.List;

/**
 * The stable strategy: where the fills laid out nothing near the query's bound and near the midnights where they
 * meet, Cal.com lays every range as they did, whatever the frequency or the hosts.
 */
final class StableLayout {
    private StableLayout() {
    }

    /**
     * Null when the query may lay some range differently from the fill. Cal.com lays a range again only where the
     * query's bound cuts it (a range alive at the bound restarts there) or where a later run's snap loses the slot it
     * snapped to (one just before the bound). A range alive at the bound that the fill laid out would show a slot
     * within one step and one length before it; so if the fill laid, and could have hidden, none there, neither
     * happens, and every range the query sees is laid as the fill laid it: whatever the frequency or the hosts.
     */
    static Serving.Outcome lay(Composition composition, Serving.Query query, StringBuilder why) {
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
        if (!query.edgesAsFills() && (composition.stretchAfter > 0 && startDay >= 0
                && composition.shape(startDay).earliestFrom().toEpochMilli() < query.startTime()
                || composition.stretchBefore > 0 && endDay >= 0
                && Composition.until(composition.shape(endDay)) > query.end())) {
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
        return Serving.Outcome.of(in, doubt);
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
    private static boolean stretchable(Composition composition, Serving.Query query, long bound) {
        SlotGrid grid = composition.grid;
        long from = Math.max(grid.align(bound), query.end() - grid.length + SlotGrid.SECOND + 1);
        long c = grid.alignedAtOrAfter(from);
        return c >= bound && grid.reach(c) <= query.stretchedEnd() && !query.insideNotice(c) && !composition.held(c);
    }
}
