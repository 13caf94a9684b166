package io.slotgate.slots;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A busy time over ranges that never overlap, slots at least as long as their step: it takes out the slots it
 * overlaps, and the range it ends inside is cut there and laid again from the busy end, in every world
 * {@link FreeRanges} allows.
 */
final class RangeBlock {
    private static final long UNCHANGED = Long.MIN_VALUE;

    private final BusyTime busy;
    private final Composition composition;
    private final SlotGrid grid;
    private final long busyStart;
    private final long busyEnd;

    private RangeBlock(BusyTime busy) {
        this.busy = busy;
        this.composition = busy.composition();
        this.grid = composition.grid;
        this.busyStart = busy.start();
        this.busyEnd = busy.end();
    }

    static List<Blocked> block(BusyTime busy, BlockedSlices out) {
        return new RangeBlock(busy).ranges(out);
    }

    private List<Blocked> ranges(BlockedSlices out) {
        List<List<FreeRange>> worlds = new FreeRanges(composition).worlds();
        if (worlds == null || worlds.isEmpty()) {
            return out.wipeFrom(busy.earliestReached());
        }
        List<BlockLayout> layouts = new ArrayList<>();
        for (List<FreeRange> world : worlds) {
            layouts.addAll(layouts(world));
        }
        if (unseenRangeMayHoldTheEnd(worlds)) {
            Set<Long> base = untouched();
            layouts.add(new BlockLayout(base, Set.of(), true));
            Set<Long> unsure = new HashSet<>();
            for (long c = grid.align(busyEnd); c < busyEnd + grid.step + grid.length && c < composition.end();
                 c = grid.align(c + SlotGrid.MINUTE)) {
                unsure.add(c);
            }
            layouts.add(new BlockLayout(base, unsure, true));
        }
        busy.addUnloaded(layouts);
        return out.emit(layouts, busy::overlaps);
    }

    /** Every layout the busy time may give in one world: for each range that may hold its end, and for none. */
    private List<BlockLayout> layouts(List<FreeRange> world) {
        Set<Long> untouched = untouched();
        List<BlockLayout> layouts = new ArrayList<>();
        boolean certainOwner = false;
        for (FreeRange range : world) {
            boolean may = range.earliestStart() <= busyEnd && range.reachesAtMost() >= busyEnd;
            if (!may) {
                continue;
            }
            boolean must = range.latestStart() + SlotGrid.MINUTE - 1 <= busyEnd && range.freeUntil() >= busyEnd;
            certainOwner |= must;
            for (long anchor : anchors()) {
                layouts.add(regrid(range, anchor, untouched));
            }
        }
        if (!certainOwner) {
            layouts.add(new BlockLayout(untouched, Set.of(), false));
        }
        return layouts;
    }

    /**
     * Where the range's run starts again after the busy end: aligned at the busy end, unless the fill's own clip came
     * after it (certain when the busy time ends before the fill's earliest clip, possible until it was complete), in
     * which case nothing moves.
     */
    private List<Long> anchors() {
        int day = composition.dayOf(Math.max(busyEnd, composition.start()));
        FillShape shape = composition.shape(day < 0 ? composition.size() - 1 : day);
        if (busyEnd < shape.earliestFrom().toEpochMilli()) {
            return List.of(UNCHANGED); // the fill's own clip came later and set the run
        }
        long anchor = grid.align(busyEnd);
        return busyEnd < shape.knownFrom().toEpochMilli() ? List.of(anchor, UNCHANGED) : List.of(anchor);
    }

    private BlockLayout regrid(FreeRange range, long anchor, Set<Long> untouched) {
        if (anchor == UNCHANGED) {
            return new BlockLayout(untouched, Set.of(), false);
        }
        Set<Long> laid = new HashSet<>(untouched);
        long from = Math.max(busyEnd, range.earliestPresent());
        for (long c : busy.laid()) {
            if (c >= from && grid.reach(c) <= range.freeUntil()) {
                laid.remove(c);
            }
        }
        Set<Long> unsure = new HashSet<>();
        boolean reachesOn = false;
        for (long c = anchor; grid.reach(c) <= range.reachesAtMost(); c += grid.step) {
            int day = composition.dayOf(c);
            if (day < 0) {
                reachesOn = c >= composition.end();
                break;
            }
            FillShape shape = composition.shape(day);
            if (grid.reach(c) > Composition.until(shape)) {
                break;
            }
            if (c >= composition.coveredFrom(shape) && grid.reach(c) <= range.freeUntil()
                    && !range.mayStraddleATouch(grid, anchor, c)) {
                laid.add(c);
            } else {
                unsure.add(c);
            }
        }
        long lastStart = range.reachesAtMost() == Long.MAX_VALUE ? composition.end() - 1
                : Math.min(composition.end() - 1, range.reachesAtMost() - grid.length + SlotGrid.SECOND);
        return new BlockLayout(laid, unsure, new long[]{Math.min(anchor, busyEnd), lastStart}, reachesOn);
    }

    /** The grid with only the slots the busy time overlaps taken out (ranges it does not end inside keep their runs). */
    private Set<Long> untouched() {
        Set<Long> laid = new HashSet<>(busy.laid());
        laid.removeIf(busy::overlaps);
        return laid;
    }

    /**
     * The busy time may end inside a range the slices show no run of, which the busy end now cuts and lays again from
     * another anchor: one whose run the fill laid on the day before the slices, one the fill clipped at its notice
     * (its first slot fell inside the notice and the next did not fit), or one a hold or an unknown stretch hides.
     */
    private boolean unseenRangeMayHoldTheEnd(List<List<FreeRange>> worlds) {
        long firstDay = composition.start();
        boolean hidden = composition.shape(0).start().toEpochMilli() < firstDay && busyEnd >= firstDay
                && busyEnd <= firstDay + grid.step + grid.length;
        for (DaySlice day : composition.days) {
            FillShape shape = day.shape();
            long knownFrom = shape.knownFrom().toEpochMilli();
            hidden |= knownFrom > shape.start().toEpochMilli()
                    && busyEnd > grid.align(shape.earliestFrom().toEpochMilli())
                    && busyEnd < knownFrom + grid.step + grid.length + grid.interval;
        }
        for (long[] hold : composition.holds()) {
            hidden |= busyEnd > hold[0] - grid.length - grid.step && busyEnd < hold[1] + grid.step + grid.length;
        }
        hidden |= composition.unknown(busyEnd) || composition.unknown(grid.align(busyEnd));
        if (!hidden) {
            return false;
        }
        for (List<FreeRange> world : worlds) {
            for (FreeRange range : world) {
                if (range.latestStart() <= busyEnd && range.freeUntil() >= busyEnd) {
                    return false;
                }
            }
        }
        return true;
    }
}
