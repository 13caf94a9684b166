package io.slotgate.ops;

import io.slotgate.ops.StalenessVerifier.Verdict;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What was served against what Cal.com offers now, over the slots both can be judged on: inside the answer's window
 * and still after now plus the notice (a slot that has passed since, or moved inside the notice, differs
 * legitimately).
 *
 * @param judgedServed the served slots judged
 */
record SlotComparison(Set<Slot> falseAvailable, Set<Slot> falseUnavailable, int judgedServed) {
    static SlotComparison of(List<Slot> servedSlots, List<Slot> truthSlots, TimeRange window, Instant earliest) {
        Set<Slot> served = judged(servedSlots, window, earliest);
        Set<Slot> truth = judged(truthSlots, window, earliest);
        Set<Slot> falseAvailable = new HashSet<>(served);
        falseAvailable.removeAll(truth);
        Set<Slot> falseUnavailable = new HashSet<>(truth);
        falseUnavailable.removeAll(served);
        return new SlotComparison(falseAvailable, falseUnavailable, served.size());
    }

    Verdict verdict() {
        return falseAvailable.isEmpty()
                ? (falseUnavailable.isEmpty() ? Verdict.FRESH : Verdict.FALSE_UNAVAILABLE)
                : (falseUnavailable.isEmpty() ? Verdict.FALSE_AVAILABLE : Verdict.BOTH);
    }

    private static Set<Slot> judged(List<Slot> slots, TimeRange window, Instant earliest) {
        Set<Slot> judged = new HashSet<>();
        for (Slot slot : slots) {
            if (window.contains(slot.start()) && !slot.start().isBefore(earliest)) {
                judged.add(slot);
            }
        }
        return judged;
    }
}
