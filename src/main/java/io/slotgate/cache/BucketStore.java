package io.slotgate.cache;

import java.util.Optional;

/** Where buckets live: the in-process tier today, the shared tier behind it later. */
public interface BucketStore {
    Optional<DayBucket> get(CacheKey.Bucket key);

    void put(DayBucket bucket);

    void remove(CacheKey.Bucket key);

    long size();
}
