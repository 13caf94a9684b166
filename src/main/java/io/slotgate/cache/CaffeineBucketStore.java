package io.slotgate.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The in-process tier (L1). Caffeine's expiry here only reclaims memory: whether a bucket may be served is the
 * freshness policy's decision, so entries are kept well past any freshness window. Caffeine reads time through a
 * Ticker made from our Clock, so virtual time reclaims too.
 */
public final class CaffeineBucketStore implements BucketStore {
    private final Cache<CacheKey.Bucket, DayBucket> cache;

    public CaffeineBucketStore(Clock clock, long maximumBuckets, Duration retainFor) {
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(maximumBuckets)
                .expireAfterWrite(retainFor)
                .recordStats()
                .build();
    }

    @Override
    public Optional<DayBucket> get(CacheKey.Bucket key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    @Override
    public void put(DayBucket bucket) {
        cache.put(bucket.key(), bucket);
    }

    @Override
    public void remove(CacheKey.Bucket key) {
        cache.invalidate(key);
    }

    /** Caffeine's own statistics (hits, misses, evictions), for metrics. */
    public CacheStats stats() {
        return cache.stats();
    }

    @Override
    public long size() {
        return cache.estimatedSize();
    }

    /** Every bucket held now, in no order: for the admin API (listing, ages), not for the hot path. */
    public List<DayBucket> buckets() {
        return List.copyOf(cache.asMap().values());
    }

    @Override
    public void clear() {
        cache.invalidateAll();
    }
}
