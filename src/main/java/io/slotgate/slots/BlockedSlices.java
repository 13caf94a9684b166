package io.slotgate.slots;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/** The day slices after a busy time, written from the layouts it may give, or wiped where they cannot be read. */
final class BlockedSlices {
    private final BusyTime busy;
    private final Composition composition;
    private final List<DaySlice> days;
    private final SlotGrid grid;

    BlockedSlices(BusyTime busy) {
        this.busy = busy;
        this.composition = busy.composition();
        this.days = composition.days;
        this.grid = composition.grid;
    }

    /** For when the ranges cannot be read: every slot from {@code from} on becomes unknown, and may go on tomorrow. */
    List<Blocked> wipeFrom(long from) {
        Set<Long> laid = new HashSet<>();
        Set<Long> unsure = new HashSet<>();
        for (long c : busy.laid()) {
            (c + grid.length > from ? unsure : laid).add(c);
        }
        List<Blocked> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            DaySlice day = days.get(i);
            long unknownFrom = Math.max(from, day.dayStart());
            List<TimeRange> unknown = new ArrayList<>(day.unknownStarts());
            if (unknownFrom < day.dayEnd()) {
                unknown.add(new TimeRange(Instant.ofEpochMilli(unknownFrom), Instant.ofEpochMilli(day.dayEnd() - 1)));
            }
            out.add(new Blocked(rebuild(i, laid, unknown, p -> p + grid.length > from, true),
                    Blocked.Fidelity.CONSERVATIVE, i == days.size() - 1 && unknownFrom < day.dayEnd()));
        }
        return out;
    }

    /**
     * The new slices from the layouts the busy time may give: exact when they all agree and none is unsure, else what
     * they all lay out, with the rest marked unknown.
     */
    List<Blocked> emit(List<BlockLayout> layouts, LongPredicate removed) {
        Set<Long> common = new TreeSet<>(layouts.get(0).laid());
        Set<Long> unsure = new TreeSet<>();
        List<long[]> spans = new ArrayList<>();
        boolean reachesOn = false;
        for (BlockLayout layout : layouts) {
            common.retainAll(layout.laid());
            unsure.addAll(layout.unsure());
            reachesOn |= layout.reachesOn();
            if (layout.span() != null) {
                spans.add(layout.span());
            }
        }
        for (BlockLayout layout : layouts) {
            for (long c : layout.laid()) {
                if (!common.contains(c)) {
                    unsure.add(c);
                }
            }
        }
        boolean exact = unsure.isEmpty();
        List<Blocked> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            DaySlice day = days.get(i);
            List<TimeRange> unknown = new ArrayList<>(day.unknownStarts());
            for (long p : unsure) {
                if (p >= day.dayStart() && p < day.dayEnd()) {
                    unknown.add(new TimeRange(Instant.ofEpochMilli(p), Instant.ofEpochMilli(p)));
                }
            }
            if (!exact) {
                // a range laid again from the busy end is no longer known anywhere it may still reach
                for (long[] span : spans) {
                    long from = Math.max(span[0], day.dayStart());
                    long to = Math.min(span[1], day.dayEnd() - 1);
                    if (from <= to) {
                        unknown.add(new TimeRange(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)));
                    }
                }
            }
            DaySlice rebuilt = rebuild(i, common, unknown, removed, !exact);
            boolean last = i == days.size() - 1;
            out.add(new Blocked(rebuilt, exact ? Blocked.Fidelity.EXACT : Blocked.Fidelity.CONSERVATIVE,
                    last && reachesOn));
        }
        return out;
    }

    /**
     * One day of the new grid, with its edge flags: a flag survives only where its position is untouched, and an
     * edge position the layouts disagree on is unknown.
     */
    private DaySlice rebuild(int index, Set<Long> laid, List<TimeRange> unknown, LongPredicate removed, boolean doubtful) {
        DaySlice day = days.get(index);
        long[] now = sorted(laid, day);
        long[] before = composition.starts(index);
        Duration length = Duration.ofMinutes(grid.lengthMinutes);
        List<Slot> slots = Arrays.stream(now).mapToObj(s -> Slot.of(Instant.ofEpochMilli(s), length)).toList();
        boolean fromPrevious = false;
        boolean intoNext = false;
        if (now.length > 0) {
            long previous = now[0] - grid.step;
            fromPrevious = edgeStillLaid(previous, day.continuesFromPreviousDay(), before.length > 0
                    && before[0] == now[0], laid, removed, unknown, day, doubtful);
            long next = now[now.length - 1] + grid.step;
            intoNext = edgeStillLaid(next, day.continuesIntoNextDay(), before.length > 0
                    && before[before.length - 1] == now[now.length - 1], laid, removed, unknown, day, doubtful);
        }
        return new DaySlice(day.day(), slots, day.shape(), fromPrevious, intoNext, day.holds(), unknown);
    }

    private boolean edgeStillLaid(long position, boolean flagged, boolean sameEdgeSlot, Set<Long> laid,
                                  LongPredicate removed, List<TimeRange> unknown, DaySlice day, boolean doubtful) {
        if (position >= day.dayStart() && position < day.dayEnd()) {
            return false; // not across the edge: the flag says nothing
        }
        int neighbour = composition.dayOf(position);
        if (neighbour >= 0 && composition.shape(neighbour).sameFill(day.shape())) {
            return laid.contains(position);
        }
        if (laid.contains(position)) {
            return true;
        }
        boolean stillFlagged = sameEdgeSlot && flagged && !removed.test(position);
        if (!stillFlagged && (doubtful || flagged || !sameEdgeSlot)) {
            unknown.add(new TimeRange(Instant.ofEpochMilli(position), Instant.ofEpochMilli(position)));
        }
        return stillFlagged;
    }

    private static long[] sorted(Set<Long> laid, DaySlice day) {
        return laid.stream().mapToLong(Long::longValue).filter(c -> c >= day.dayStart() && c < day.dayEnd())
                .sorted().toArray();
    }
}
