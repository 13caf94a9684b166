package io.slotgate.invalidation;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayChange;

import java.time.Instant;

/**
 * Where what a booking means for one (event type, UTC day) goes: in slotgate, the tenant's availability, which
 * patches its cached days or drops them as the policy says, and queues their refetch.
 */
public interface InvalidationSink {
    /** The day changed: its hosts became busy (patched in), or its copies may no longer be served. */
    void changed(CacheKey.Generation day, DayChange change);

    /** The day may have gained slots (a cancellation, a reservation released): refetch it, keep serving its copies. */
    void mayHaveFreed(CacheKey.Generation day, Instant learnedAt);
}
