package io.slotgate.slots;

import java.util.Arrays;
import java.util.List;

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
    /**
     * @param edgesAsFills read the window as if Cal.com loaded, at its edges, the bookings its fills loaded: no slot
     *                     freed only because a booking just outside the window is not read (see
     *                     {@link CalcomLayout#answerWithoutEdgeGaps})
     */
    record Query(long start, long end, long now, int noticeMinutes, boolean edgesAsFills) {
        Query(long start, long end, long now, int noticeMinutes) {
            this(start, end, now, noticeMinutes, false);
        }

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

    /** What the slices say of one candidate slot. */
    enum Verdict { IN, OUT, UNSURE }

    private Serving() {
    }

    static Outcome serve(Composition composition, Query query) {
        if (!composition.sameAlignmentClass()) {
            return Outcome.nothing("a slice was laid out in another alignment class");
        }
        composition.doubtEdges(query.startTime(), query.end());
        SlotGrid grid = composition.grid;
        if (grid.lattice()) {
            return LatticeLayout.lay(composition, query);
        }
        StringBuilder unstable = new StringBuilder();
        Outcome stable = StableLayout.lay(composition, query, unstable);
        if (stable != null) {
            return stable;
        }
        if (composition.aggregation == FillShape.Aggregation.MERGED && grid.frequencyMinutes <= grid.lengthMinutes) {
            return RangeLayout.lay(composition, query);
        }
        return Outcome.nothing((composition.aggregation == FillShape.Aggregation.UNITED
                ? "round robin off the lattice: " : "slots shorter than their step off the lattice: ") + unstable);
    }
}
