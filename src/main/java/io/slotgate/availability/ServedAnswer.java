package io.slotgate.availability;

import io.slotgate.cache.DayBucket;
import io.slotgate.cache.TenantId;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Instant;
import java.util.List;

/**
 * An answer composed from day buckets, as it was served: which buckets (keys, slots, when fetched), for which range,
 * at which instant, and the earliest start the answer could show (now plus the event type's notice). What was shown
 * of one bucket is {@link #shown(DayBucket)}: its slots inside the range and not before {@code earliest}.
 */
public record ServedAnswer(TenantId tenant, long eventTypeId, TimeRange range, List<DayBucket> buckets,
                           Instant servedAt, Instant earliest) {
    public ServedAnswer {
        buckets = List.copyOf(buckets);
    }

    /** The slots of {@code bucket} this answer showed. */
    public List<Slot> shown(DayBucket bucket) {
        return bucket.offered().stream()
                .filter(s -> range.contains(s.start()) && !s.start().isBefore(earliest))
                .toList();
    }

    /** Told of every answer served from day buckets (not of the seed's exact-query answers). */
    @FunctionalInterface
    public interface Listener {
        /** Called on the serving thread: must be quick and must not throw (a throw is logged and ignored). */
        void served(ServedAnswer answer);
    }
}
