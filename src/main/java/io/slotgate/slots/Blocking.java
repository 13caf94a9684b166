package io.slotgate.slots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one busy interval to consecutive day slices as Cal.com would have laid them out had the busy time been there
 * when they were filled: on the lattice by {@link LatticeBlock}, over ranges that never overlap by
 * {@link RangeBlock}, and otherwise by wiping what the busy time may reach ({@link BlockedSlices#wipeFrom}).
 */
final class Blocking {
    /** A block does not know the event type's notice: reading the fills as if it had one is the careful reading. */
    private static final int ASSUMED_NOTICE = 1;

    private Blocking() {
    }

    static List<Blocked> block(List<DaySlice> days, Instant busyStart, Instant busyEnd, BlockMode mode) {
        if (mode == BlockMode.REMOVE_ONLY) {
            TimeRange hold = new TimeRange(busyStart, busyEnd);
            return days.stream().map(d -> new Blocked(withHold(d, hold), Blocked.Fidelity.EXACT, false)).toList();
        }
        Composition composition = new Composition(days, days.get(0).shape().zone(), ASSUMED_NOTICE);
        BusyTime busy = new BusyTime(composition, busyStart.toEpochMilli(), busyEnd.toEpochMilli());
        BlockedSlices out = new BlockedSlices(busy);
        SlotGrid grid = composition.grid;
        if (!composition.sameAlignmentClass()) {
            return out.wipeFrom(busy.earliestReached());
        }
        if (grid.lattice()) {
            return LatticeBlock.block(busy, out);
        }
        if (composition.aggregation == FillShape.Aggregation.MERGED && grid.frequencyMinutes <= grid.lengthMinutes) {
            return RangeBlock.block(busy, out);
        }
        return out.wipeFrom(busy.earliestReached());
    }

    private static DaySlice withHold(DaySlice day, TimeRange hold) {
        List<TimeRange> holds = new ArrayList<>(day.holds());
        holds.add(hold);
        return new DaySlice(day.day(), day.slots(), day.shape(), day.continuesFromPreviousDay(),
                day.continuesIntoNextDay(), holds, day.unknownStarts());
    }
}
