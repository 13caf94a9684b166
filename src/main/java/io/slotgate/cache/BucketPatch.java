package io.slotgate.cache;

import io.slotgate.slots.BlockMode;
import io.slotgate.slots.Blocked;
import io.slotgate.slots.CalcomLayout;
import io.slotgate.slots.DaySlice;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes a busy time out of a bucket, as Cal.com would (docs/calcom-slots.md). A described bucket is blocked by
 * {@link CalcomLayout#block}: a booking cuts its free range, whose later slots Cal.com lays again from the busy end
 * (exact where the range can be laid again with certainty, else conservative, the rest marked as unknown starts); a
 * reservation hides the slots it overlaps and moves nothing (always exact, and kept as a hold so that a later layout
 * does not take the gap for the end of a range). A bucket whose call is not described loses the slots the busy time
 * overlaps, and after a booking every later one: it then leaves out slots Cal.com would offer, never offers one it
 * would not, and says so ({@link DayBucket.Patches#inexactSince}). A booking already patched in (learned twice) is not
 * patched in again.
 */
final class BucketPatch {
    private BucketPatch() {
    }

    static DayBucket apply(DayBucket bucket, DayChange.Busy busy, long generation) {
        TimeRange time = new TimeRange(busy.start(), busy.end());
        boolean booked = busy.kind() == DayChange.Kind.BOOKED;
        if (booked && bucket.booked().contains(time)) {
            return bucket.at(generation); // the same booking learned again: already patched in
        }
        List<TimeRange> bookings = booked ? with(bucket.booked(), time) : bucket.booked();
        Optional<DaySlice> slice = bucket.slice();
        if (slice.isPresent()) {
            BlockMode mode = busy.kind() == DayChange.Kind.RESERVED ? BlockMode.REMOVE_ONLY : BlockMode.SPLIT_RANGE;
            Blocked blocked = CalcomLayout.block(slice.get(), busy.start(), busy.end(), mode);
            boolean same = blocked.slice().equals(slice.get());
            // the webhook's own certainty counts too: a host map that knows a round robin makes every patch of it
            // conservative, whatever the slice could prove
            boolean exact = blocked.exact() && (busy.certain() || same);
            return bucket.changed(blocked.slice(), bookings, generation,
                    patches(bucket, !same, exact, busy.learnedAt()));
        }
        return undescribed(bucket, busy, bookings, generation);
    }

    private static List<TimeRange> with(List<TimeRange> ranges, TimeRange added) {
        List<TimeRange> all = new ArrayList<>(ranges);
        all.add(added);
        return all;
    }

    private static DayBucket.Patches patches(DayBucket bucket, boolean changed, boolean exact, Instant learnedAt) {
        Optional<Instant> inexact = bucket.patches().inexactSince()
                .or(() -> exact ? Optional.empty() : Optional.of(learnedAt));
        return new DayBucket.Patches(bucket.patches().applied() + (changed ? 1 : 0), inexact);
    }

    private static DayBucket undescribed(DayBucket bucket, DayChange.Busy busy, List<TimeRange> bookings,
                                         long generation) {
        boolean booked = busy.kind() == DayChange.Kind.BOOKED;
        List<Slot> kept = new ArrayList<>(bucket.slots().size());
        for (Slot slot : bucket.slots()) {
            boolean overlaps = slot.start().isBefore(busy.end()) && busy.start().isBefore(slot.end());
            boolean later = booked && !slot.start().isBefore(busy.end());
            if (!overlaps && !later) {
                kept.add(slot);
            }
        }
        boolean changed = kept.size() != bucket.slots().size();
        // nothing taken out is nothing wrong; a reservation only takes out; a booking's later slots may move
        boolean exact = !changed || !booked && busy.certain();
        return bucket.changed(kept, bookings, generation, patches(bucket, changed, exact, busy.learnedAt()));
    }
}
