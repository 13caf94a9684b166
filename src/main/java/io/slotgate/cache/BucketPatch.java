package io.slotgate.cache;

import io.slotgate.slots.Slot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes a busy time out of a bucket, as Cal.com would (docs/calcom-slots.md): a slot is blocked when it overlaps the
 * busy time (stretched by the buffers before it gets here). For a booking Cal.com also cuts the free range, and the
 * range's later slots start again from the busy time's end, rounded up to the frequency's alignment interval. On a
 * fixed lattice (a frequency of 5, 10, 15, 20, 30 or 60 minutes) the new start lands on the old lattice, so taking out
 * the blocked slots is exact. Otherwise every later slot that may sit in a cut range is taken out too, and the patch
 * says it is conservative ({@link DayBucket.Patches#inexactSince}): it then leaves out slots Cal.com would offer, never
 * offers one it would not.
 *
 * <p>A later slot is kept behind a range start the call surely laid ({@link DayBucket#runStarts}) at or after the
 * busy time's end: that range either began after the busy time, or began inside it and starts at the same rounded
 * minute either way. The removals are a function of the call's slots and the set of changes, so applying a change
 * twice, to a bucket whose call already saw it, or two changes in either order, gives the same slots.
 */
final class BucketPatch {
    private BucketPatch() {
    }

    static DayBucket apply(DayBucket bucket, DayChange.Busy busy, long generation) {
        List<Slot> slots = bucket.slots();
        boolean moves = busy.kind() == DayChange.Kind.BOOKED && !bucket.shape().fixedLattice();
        boolean[] out = new boolean[slots.size()];
        boolean any = false;
        boolean behindRunStart = false;
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (slot.start().isBefore(busy.end()) && busy.start().isBefore(slot.end())) {
                out[i] = true;
            } else if (moves && !slot.start().isBefore(busy.end())) {
                behindRunStart = behindRunStart || bucket.runStarts().contains(slot.start());
                out[i] = !behindRunStart;
            }
            any |= out[i];
        }
        boolean exact = busy.certain() && !moves;
        Optional<Instant> inexact = bucket.patches().inexactSince()
                .or(() -> exact ? Optional.empty() : Optional.of(busy.learnedAt()));
        if (!any) {
            // nothing offered goes, but a cut range may now hold slots the bucket never had
            DayBucket.Patches patches = !moves || !touches(bucket, busy) ? bucket.patches()
                    : new DayBucket.Patches(bucket.patches().applied(), inexact);
            return bucket.changed(slots, generation, bucket.continuesFromPreviousDay(),
                    bucket.continuesIntoNextDay(), patches);
        }
        List<Slot> kept = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            if (!out[i]) {
                kept.add(slots.get(i));
            }
        }
        return bucket.changed(kept, generation, bucket.continuesFromPreviousDay() && !out[0],
                bucket.continuesIntoNextDay() && !out[slots.size() - 1],
                new DayBucket.Patches(bucket.patches().applied() + 1, inexact));
    }

    /**
     * Whether a booking that takes no offered slot out may still change the day: anywhere within it, or before it
     * while the day's first range may have begun earlier.
     */
    private static boolean touches(DayBucket bucket, DayChange.Busy busy) {
        Instant dayStart = bucket.key().day().atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!busy.end().isAfter(dayStart)) {
            // wholly before the day (a booking late the day before): only a range running over midnight is cut
            return bucket.slots().isEmpty() || !bucket.runStarts().contains(bucket.slots().get(0).start());
        }
        return true;
    }
}
