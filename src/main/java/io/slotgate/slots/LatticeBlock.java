package io.slotgate.slots;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** On the lattice a busy time only removes the slots it overlaps; for round robin another host may still hold them. */
final class LatticeBlock {
    private LatticeBlock() {
    }

    static List<Blocked> block(BusyTime busy, BlockedSlices out) {
        Set<Long> laid = new HashSet<>(busy.laid());
        laid.removeIf(c -> removed(busy, c));
        boolean exact = busy.composition().aggregation == FillShape.Aggregation.MERGED;
        Set<Long> unsure = new HashSet<>();
        if (!exact) {
            for (long c : busy.laid()) {
                if (removed(busy, c)) {
                    unsure.add(c);
                }
            }
        }
        List<BlockLayout> layouts = new ArrayList<>(List.of(new BlockLayout(laid, unsure, false)));
        busy.addUnloaded(layouts);
        return out.emit(layouts, p -> removed(busy, p));
    }

    private static boolean removed(BusyTime busy, long c) {
        SlotGrid grid = busy.grid();
        return grid.reach(c) > busy.start() && c < grid.align(busy.end());
    }
}
