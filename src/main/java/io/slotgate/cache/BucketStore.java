package io.slotgate.cache;

import java.util.Optional;

/** Where buckets live: the in-process tier (L1), the shared tier (L2), or both in front of each other. */
public interface BucketStore {
    Optional<DayBucket> get(CacheKey.Bucket key);

    void put(DayBucket bucket);

    void remove(CacheKey.Bucket key);

    long size();

    /** Forgets every bucket this store holds for its tenant(s); used when the store can no longer be trusted. */
    void clear();

    /**
     * A copy this store no longer vouches for but still keeps as the last of its key (see {@link HeldCopies}): what
     * a reader is served, stale and refetched first, when nothing trusted can answer. None by default.
     */
    default Optional<DayBucket> held(CacheKey.Bucket key) {
        return Optional.empty();
    }
}
