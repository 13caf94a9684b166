package io.slotgate.slots;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One busy interval {@code [start, end)} over consecutive day slices read as one timeline, for {@link Blocking}'s
 * strategies: which slots it overlaps, and what the slices laid out before it.
 */
record BusyTime(Composition composition, long start, long end) {
    SlotGrid grid() {
        return composition.grid;
    }

    /** The earliest slot start the busy time can reach: one slot length before it. */
    long earliestReached() {
        return start - composition.grid.length;
    }

    /** The slot starting at {@code c} overlaps the busy time. */
    boolean overlaps(long c) {
        return composition.grid.reach(c) > start && c < end;
    }

    /** Every slot start of every day, as the fills laid them out. */
    List<Long> laid() {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < composition.size(); i++) {
            for (long c : composition.starts(i)) {
                all.add(c);
            }
        }
        return all;
    }

    /**
     * A fill loaded only the bookings that end after its window's start and begin before its end: one that ends within
     * the stretch of the fill's clip, or begins within it of the fill's end, may not have been loaded at all, and then
     * the grid did not change.
     */
    void addUnloaded(List<BlockLayout> layouts) {
        for (DaySlice day : composition.days) {
            FillShape shape = day.shape();
            boolean endsNearClip = end > shape.earliestFrom().toEpochMilli()
                    && end - composition.stretchAfter < shape.knownFrom().toEpochMilli();
            long until = Composition.until(shape);
            boolean beginsNearEnd = start <= until && start + composition.stretchBefore > until;
            if (endsNearClip || beginsNearEnd) {
                layouts.add(new BlockLayout(new HashSet<>(laid()), Set.of(), false));
                return;
            }
        }
    }
}
