package io.slotgate.slots;

import java.util.Objects;

/**
 * A day slice after {@link CalcomLayout#block}.
 *
 * @param slice          the new slice: slots and edge flags recomputed
 * @param fidelity       whether the new slice is what Cal.com would now answer for its fill's window, given the old
 *                       one was
 * @param reachesNextDay the busy time moved the grid of a free range that may go on past this day: the next day's
 *                       slice no longer matches unless it is blocked in the same call (pass both days) or refetched
 */
public record Blocked(DaySlice slice, Fidelity fidelity, boolean reachesNextDay) {
    public enum Fidelity {
        /** The slice equals what Cal.com would now lay out for the fill's window. */
        EXACT,
        /** The slice offers no slot Cal.com would refuse, and may leave some out (marked in its unknown starts). */
        CONSERVATIVE
    }

    public Blocked {
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(fidelity, "fidelity");
    }

    public boolean exact() {
        return fidelity == Fidelity.EXACT;
    }
}
