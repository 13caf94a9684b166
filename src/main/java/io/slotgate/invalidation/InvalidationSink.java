package io.slotgate.invalidation;

import io.slotgate.cache.CacheKey;

/**
 * Where invalidations go: in one process, {@link io.slotgate.cache.DayBucketCache#invalidate}; with a shared tier, a
 * sink that also bumps the shared generation and broadcasts it.
 */
@FunctionalInterface
public interface InvalidationSink {
    void invalidate(CacheKey.Generation day);
}
