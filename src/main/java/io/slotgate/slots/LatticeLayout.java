package io.slotgate.slots;

import java.util.ArrayList;
import java.util.List;

/**
 * The lattice strategy: when the frequency is its own interval every run of every range sits on one lattice, so each
 * position is decided on its own, by the fill of its day or a neighbouring day's edge flag.
 */
final class LatticeLayout {
    private LatticeLayout() {
    }

    static Serving.Outcome lay(Composition composition, Serving.Query query) {
        SlotGrid grid = composition.grid;
        List<Long> in = new ArrayList<>();
        String doubt = null;
        WindowEdges edges = WindowEdges.of(composition, query, new FreeRanges(composition).pieces());
        for (long c = grid.align(query.bound()); grid.reach(c) <= query.stretchedEnd(); c += grid.step) {
            if (query.insideNotice(c) || composition.held(c)) {
                continue;
            }
            Serving.Verdict verdict = verdict(composition, query, edges, c);
            if (verdict == Serving.Verdict.IN) {
                in.add(c);
            } else if (verdict == Serving.Verdict.UNSURE && doubt == null) {
                doubt = !composition.laidOut(composition.dayOf(c), c) && edges.mayHaveFreedUp(grid, c)
                        ? "a booking's buffers may no longer reach into the window's edge"
                        : composition.doubtful(c) ? "a booking the fill never loaded may reach over a slot"
                        : grid.reach(c) > query.end() ? "the 23:59 rule may stretch a range past the query's end"
                        : "no fill saw one of the slots, nor a neighbour's edge";
            }
        }
        return Serving.Outcome.of(in, doubt);
    }

    private static Serving.Verdict verdict(Composition composition, Serving.Query query, WindowEdges edges, long c) {
        SlotGrid grid = composition.grid;
        int day = composition.dayOf(c);
        FillShape shape = composition.shape(day);
        boolean laid = composition.laidOut(day, c);
        long until = Composition.until(shape);
        if (laid && composition.doubtful(c) || !laid && edges.mayHaveFreedUp(grid, c)) {
            return Serving.Verdict.UNSURE;
        }
        if (grid.reach(c) > query.end()) {
            if (until != query.end()) {
                return Serving.Verdict.UNSURE;
            }
            return laid ? Serving.Verdict.IN : startCovered(composition, shape, c) ? Serving.Verdict.OUT : Serving.Verdict.UNSURE;
        }
        if (laid) {
            return grid.reach(c) <= until ? Serving.Verdict.IN : Serving.Verdict.UNSURE;
        }
        if (composition.covered(c)) {
            return Serving.Verdict.OUT;
        }
        Serving.Verdict vouched = vouched(composition, day, c);
        return vouched == Serving.Verdict.IN && composition.doubtful(c) ? Serving.Verdict.UNSURE : vouched;
    }


    private static boolean startCovered(Composition composition, FillShape shape, long c) {
        return c >= composition.coveredFrom(shape) && !composition.unknown(c);
    }

    /** A position its own fill cannot see may be the one a neighbouring day's fill saw (or ruled out) at its edge. */
    private static Serving.Verdict vouched(Composition composition, int day, long c) {
        SlotGrid grid = composition.grid;
        Serving.Verdict before = Serving.Verdict.UNSURE;
        if (day > 0) {
            long[] previous = composition.starts(day - 1);
            if (previous.length > 0 && previous[previous.length - 1] + grid.step == c) {
                before = edge(composition, composition.days.get(day - 1).continuesIntoNextDay(),
                        composition.shape(day - 1), c);
            }
        }
        Serving.Verdict after = Serving.Verdict.UNSURE;
        if (day + 1 < composition.size()) {
            long[] next = composition.starts(day + 1);
            if (next.length > 0 && next[0] - grid.step == c) {
                after = edge(composition, composition.days.get(day + 1).continuesFromPreviousDay(),
                        composition.shape(day + 1), c);
            }
        }
        if (before == Serving.Verdict.UNSURE) {
            return after;
        }
        return after == Serving.Verdict.UNSURE || after == before ? before : Serving.Verdict.UNSURE;
    }

    private static Serving.Verdict edge(Composition composition, boolean flagged, FillShape shape, long c) {
        if (flagged) {
            return Serving.Verdict.IN;
        }
        boolean seen = c >= composition.coveredFrom(shape) && composition.grid.reach(c) <= Composition.until(shape)
                && !composition.unknown(c);
        return seen ? Serving.Verdict.OUT : Serving.Verdict.UNSURE;
    }
}
