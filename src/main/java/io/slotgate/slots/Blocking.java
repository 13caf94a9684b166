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

/**
 * Applies one busy interval to consecutive day slices as Cal.com would have laid them out had the busy time been there
 * when they were filled.
 */
final class Blocking {
    /** A block does not know the event type's notice: reading the fills as if it had one is the careful reading. */
    private static final int ASSUMED_NOTICE = 1;
    private static final long UNCHANGED = Long.MIN_VALUE;

    private final List<DaySlice> days;
    private final Composition composition;
    private final SlotGrid grid;
    private final long busyStart;
    private final long busyEnd;

    private Blocking(List<DaySlice> days, long busyStart, long busyEnd) {
        this.days = days;
        this.composition = new Composition(days, days.get(0).shape().zone(), ASSUMED_NOTICE);
        this.grid = composition.grid;
        this.busyStart = busyStart;
        this.busyEnd = busyEnd;
    }

    static List<Blocked> block(List<DaySlice> days, Instant busyStart, Instant busyEnd, BlockMode mode) {
        if (mode == BlockMode.REMOVE_ONLY) {
            TimeRange hold = new TimeRange(busyStart, busyEnd);
            return days.stream().map(d -> new Blocked(withHold(d, hold), Blocked.Fidelity.EXACT, false)).toList();
        }
        Blocking blocking = new Blocking(days, busyStart.toEpochMilli(), busyEnd.toEpochMilli());
        return blocking.split();
    }

    private static DaySlice withHold(DaySlice day, TimeRange hold) {
        List<TimeRange> holds = new ArrayList<>(day.holds());
        holds.add(hold);
        return new DaySlice(day.day(), day.slots(), day.shape(), day.continuesFromPreviousDay(),
                day.continuesIntoNextDay(), holds, day.unknownStarts());
    }

    /**
     * One way the busy time may have changed the grid: what is certainly laid out, what may be, the stretch of slot
     * starts a re-laid range may still cover (closed; null when no range was re-laid), and whether it may go on past
     * the last day.
     */
    private record Layout(Set<Long> laid, Set<Long> unsure, long[] span, boolean reachesOn) {
        Layout {
            laid = Set.copyOf(laid);
            unsure = Set.copyOf(unsure);
        }

        Layout(Set<Long> laid, Set<Long> unsure, boolean reachesOn) {
            this(laid, unsure, null, reachesOn);
        }
    }

    private List<Blocked> split() {
        if (!composition.sameAlignmentClass()) {
            return wipeFrom(busyStart - grid.length);
        }
        if (grid.lattice()) {
            return lattice();
        }
        if (composition.aggregation == FillShape.Aggregation.MERGED && grid.frequencyMinutes <= grid.lengthMinutes) {
            return ranges();
        }
        return wipeFrom(busyStart - grid.length);
    }

    // -------------------------------------------------------------------------------------------------- lattice

    /** On the lattice a busy time only removes the slots it overlaps; for round robin another host may still hold them. */
    private List<Blocked> lattice() {
        Set<Long> laid = new HashSet<>(allLaid());
        laid.removeIf(this::removedOnTheLattice);
        boolean exact = composition.aggregation == FillShape.Aggregation.MERGED;
        Set<Long> unsure = new HashSet<>();
        if (!exact) {
            for (long c : allLaid()) {
                if (removedOnTheLattice(c)) {
                    unsure.add(c);
                }
            }
        }
        List<Layout> layouts = new ArrayList<>(List.of(new Layout(laid, unsure, false)));
        addUnloaded(layouts);
        return emit(layouts, p -> removedOnTheLattice(p));
    }

    /**
     * A fill loaded only the bookings that end after its window's start and begin before its end: one that ends within
     * the stretch of the fill's clip, or begins within it of the fill's end, may not have been loaded at all, and then
     * the grid did not change.
     */
    private void addUnloaded(List<Layout> layouts) {
        for (DaySlice day : days) {
            FillShape shape = day.shape();
            boolean endsNearClip = busyEnd > shape.earliestFrom().toEpochMilli()
                    && busyEnd - composition.stretchAfter < shape.knownFrom().toEpochMilli();
            long until = Composition.until(shape);
            boolean beginsNearEnd = busyStart <= until && busyStart + composition.stretchBefore > until;
            if (endsNearClip || beginsNearEnd) {
                layouts.add(new Layout(new HashSet<>(allLaid()), Set.of(), false));
                return;
            }
        }
    }

    private boolean removedOnTheLattice(long c) {
        return grid.reach(c) > busyStart && c < grid.align(busyEnd);
    }

    // --------------------------------------------------------------------------------------------------- ranges

    private List<Blocked> ranges() {
        List<List<FreeRange>> worlds = new FreeRanges(composition).worlds();
        if (worlds == null || worlds.isEmpty()) {
            return wipeFrom(busyStart - grid.length);
        }
        List<Layout> layouts = new ArrayList<>();
        for (List<FreeRange> world : worlds) {
            layouts.addAll(layouts(world));
        }
        if (unseenRangeMayHoldTheEnd(worlds)) {
            Set<Long> base = untouched();
            layouts.add(new Layout(base, Set.of(), true));
            Set<Long> unsure = new HashSet<>();
            for (long c = grid.align(busyEnd); c < busyEnd + grid.step + grid.length && c < composition.end();
                 c = grid.align(c + SlotGrid.MINUTE)) {
                unsure.add(c);
            }
            layouts.add(new Layout(base, unsure, true));
        }
        addUnloaded(layouts);
        return emit(layouts, this::conflicts);
    }

    /** Every layout the busy time may give in one world: for each range that may hold its end, and for none. */
    private List<Layout> layouts(List<FreeRange> world) {
        Set<Long> untouched = untouched();
        List<Layout> layouts = new ArrayList<>();
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
            layouts.add(new Layout(untouched, Set.of(), false));
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

    private Layout regrid(FreeRange range, long anchor, Set<Long> untouched) {
        if (anchor == UNCHANGED) {
            return new Layout(untouched, Set.of(), false);
        }
        Set<Long> laid = new HashSet<>(untouched);
        long from = Math.max(busyEnd, range.earliestPresent());
        for (long c : allLaid()) {
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
        return new Layout(laid, unsure, new long[]{Math.min(anchor, busyEnd), lastStart}, reachesOn);
    }

    /** The grid with only the slots the busy time overlaps taken out (ranges it does not end inside keep their runs). */
    private Set<Long> untouched() {
        Set<Long> laid = new HashSet<>(allLaid());
        laid.removeIf(this::conflicts);
        return laid;
    }

    private boolean conflicts(long c) {
        return grid.reach(c) > busyStart && c < busyEnd;
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
        for (DaySlice day : days) {
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

    // ------------------------------------------------------------------------------------------------ emitting

    /** For when the ranges cannot be read: every slot from {@code from} on becomes unknown, and may go on tomorrow. */
    private List<Blocked> wipeFrom(long from) {
        Set<Long> laid = new HashSet<>();
        Set<Long> unsure = new HashSet<>();
        for (long c : allLaid()) {
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
    private List<Blocked> emit(List<Layout> layouts, LongPredicate removed) {
        Set<Long> common = new TreeSet<>(layouts.get(0).laid());
        Set<Long> unsure = new TreeSet<>();
        List<long[]> spans = new ArrayList<>();
        boolean reachesOn = false;
        for (Layout layout : layouts) {
            common.retainAll(layout.laid());
            unsure.addAll(layout.unsure());
            reachesOn |= layout.reachesOn();
            if (layout.span() != null) {
                spans.add(layout.span());
            }
        }
        for (Layout layout : layouts) {
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

    private List<Long> allLaid() {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            for (long c : composition.starts(i)) {
                all.add(c);
            }
        }
        return all;
    }

    private static long[] sorted(Set<Long> laid, DaySlice day) {
        return laid.stream().mapToLong(Long::longValue).filter(c -> c >= day.dayStart() && c < day.dayEnd())
                .sorted().toArray();
    }
}
