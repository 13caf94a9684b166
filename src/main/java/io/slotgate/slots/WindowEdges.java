package io.slotgate.slots;

import java.util.List;

/**
 * Where this query may see free time the fills did not: a booking that ends before the window's start, or begins
 * after its end, is not loaded, and the time its buffers covered within the window is free. That can only happen
 * at a window edge the fill did not share (its clip before the start, its end after the window's), and not where
 * the fill's runs show the hosts free right at the edge (no booking was stretched over it). Round-robin runs only
 * show that some host was free, so they prove nothing here.
 */
record WindowEdges(long freeFrom, long freeUntil, long startTime, long end) {
    static WindowEdges of(Composition composition, Serving.Query query, List<long[]> pieces) {
        long startTime = query.startTime();
        long end = query.end();
        if (query.edgesAsFills()) {
            return new WindowEdges(Long.MIN_VALUE, Long.MAX_VALUE, startTime, end);
        }
        boolean merged = composition.aggregation == FillShape.Aggregation.MERGED;
        int startDay = composition.dayOf(startTime);
        boolean startMoves = composition.stretchAfter > 0 && startDay >= 0
                && composition.shape(startDay).earliestFrom().toEpochMilli() < startTime
                && !(merged && inside(pieces, startTime));
        int endDay = composition.dayOf(end);
        boolean endMoves = composition.stretchBefore > 0 && endDay >= 0
                && Composition.until(composition.shape(endDay)) > end
                && !(merged && inside(pieces, end));
        return new WindowEdges(startMoves ? startTime + composition.stretchAfter : Long.MIN_VALUE,
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
