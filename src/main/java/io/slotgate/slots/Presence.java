package io.slotgate.slots;

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
    BEYOND;

    /** What the fill of {@code segment} says about a slot at {@code p}. */
    static Presence of(Composition composition, int segment, long p) {
        SlotGrid grid = composition.grid;
        FillShape shape = composition.segmentShape(segment);
        int first = composition.segmentFirstDay(segment);
        int last = composition.segmentLastDay(segment);
        int day = composition.dayOf(p);
        boolean inSegment = day >= first && day <= last;
        if (inSegment && composition.laidOut(day, p)) {
            return grid.reach(p) > Composition.until(shape) || composition.doubtful(p) ? UNKNOWN : PRESENT;
        }
        boolean edge = false;
        boolean flagged = false;
        if (!inSegment) {
            long dayIndex = Math.floorDiv(p, Composition.DAY);
            long[] opening = composition.starts(first);
            if (opening.length > 0 && dayIndex == epochDay(composition, first) - 1 && p == opening[0] - grid.step) {
                edge = true;
                flagged = composition.days.get(first).continuesFromPreviousDay();
            }
            long[] closing = composition.starts(last);
            if (closing.length > 0 && dayIndex == epochDay(composition, last) + 1
                    && p == closing[closing.length - 1] + grid.step) {
                edge = true;
                flagged = composition.days.get(last).continuesIntoNextDay();
            }
        }
        if (edge && flagged) {
            return grid.reach(p) > Composition.until(shape) || composition.doubtful(p) ? UNKNOWN : PRESENT;
        }
        if (composition.held(p) || composition.unknown(p)) {
            return UNKNOWN;
        }
        if (p < composition.coveredFrom(shape) || p < shape.start().toEpochMilli()) {
            return CLIPPED;
        }
        if (grid.reach(p) > Composition.until(shape)) {
            return CUT;
        }
        return inSegment || edge ? ABSENT : BEYOND;
    }

    private static long epochDay(Composition composition, int day) {
        return Math.floorDiv(composition.dayStart(day), Composition.DAY);
    }
}
