package io.slotgate.cache;

import io.slotgate.slots.Slot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes a busy time out of a bucket, as Cal.com would: a slot is blocked when it overlaps the busy time (stretched by
 * the buffers before it gets here). For a booking Cal.com also restarts the range's run of slots at the busy time's
 * end; on a fixed lattice (a frequency of 5, 10, 15, 20, 30 or 60 minutes) the restarted run lands on the same
 * lattice, so taking out the blocked slots is exact. Otherwise the run's later slots move to a grid the bucket cannot
 * know for certain, so they are taken out too: the patch then leaves out slots Cal.com would offer, never offers one
 * it would not, and says so ({@link DayBucket.Patches#inexactSince}). Applying a change twice, or to a bucket whose
 * call already saw it, changes nothing.
 */
final class BucketPatch {
    private BucketPatch() {
    }

    static DayBucket apply(DayBucket bucket, DayChange.Busy busy, long generation) {
        List<Slot> slots = bucket.slots();
        Set<Slot> out = new HashSet<>();
        for (Slot slot : slots) {
            if (slot.start().isBefore(busy.end()) && busy.start().isBefore(slot.end())) {
                out.add(slot);
            }
        }
        boolean moves = busy.kind() == DayChange.Kind.BOOKED && !bucket.shape().fixedLattice();
        if (moves) {
            out.addAll(laterSlotsOfSplitRuns(bucket, busy));
        }
        if (out.isEmpty()) {
            return bucket.changed(slots, generation, bucket.continuesFromPreviousDay(),
                    bucket.continuesIntoNextDay(), bucket.patches());
        }
        List<Slot> kept = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            if (!out.contains(slot)) {
                kept.add(slot);
            }
        }
        boolean exact = busy.certain() && !moves;
        Optional<Instant> inexact = bucket.patches().inexactSince()
                .or(() -> exact ? Optional.empty() : Optional.of(busy.learnedAt()));
        boolean firstKept = !slots.isEmpty() && !out.contains(slots.get(0));
        boolean lastKept = !slots.isEmpty() && !out.contains(slots.get(slots.size() - 1));
        return bucket.changed(kept, generation, bucket.continuesFromPreviousDay() && firstKept,
                bucket.continuesIntoNextDay() && lastKept,
                new DayBucket.Patches(bucket.patches().applied() + 1, inexact));
    }

    /**
     * The slots at or after the busy end of every run the busy time cuts: a run with a slot overlapping it, or two
     * consecutive slots (one frequency apart) around it. Without a known frequency every slot after the busy end.
     */
    private static List<Slot> laterSlotsOfSplitRuns(DayBucket bucket, DayChange.Busy busy) {
        List<Slot> slots = bucket.slots();
        List<Slot> later = new ArrayList<>();
        if (!bucket.shape().isKnown()) {
            for (Slot slot : slots) {
                if (!slot.start().isBefore(busy.end())) {
                    later.add(slot);
                }
            }
            return later;
        }
        long step = bucket.shape().frequency().toMillis();
        int runStart = 0;
        for (int i = 0; i <= slots.size(); i++) {
            boolean runEnds = i == slots.size() || i > runStart
                    && slots.get(i).start().toEpochMilli() - slots.get(i - 1).start().toEpochMilli() != step;
            if (!runEnds) {
                continue;
            }
            List<Slot> run = slots.subList(runStart, i);
            if (cuts(run, busy)) {
                for (Slot slot : run) {
                    if (!slot.start().isBefore(busy.end())) {
                        later.add(slot);
                    }
                }
            }
            runStart = i;
        }
        return later;
    }

    private static boolean cuts(List<Slot> run, DayChange.Busy busy) {
        if (run.isEmpty()) {
            return false;
        }
        Instant first = run.get(0).start();
        Instant lastEnd = run.get(run.size() - 1).end();
        return first.isBefore(busy.end()) && busy.start().isBefore(lastEnd);
    }
}
