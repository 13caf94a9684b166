package io.slotgate.cache.redis;

import io.slotgate.cache.BucketStore;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * L1 (in-process) in front of L2 (Redis). A read is answered by L1 when L1 holds a bucket of the current generation
 * that may still be served; otherwise L2 is read (which also refreshes the generation view) and a hit of the current
 * generation is promoted into L1. A write goes to L2 conditionally, then to L1 only if L2 did not refuse it (the
 * generation moved: the bucket predates an invalidation) and the generation view still agrees.
 *
 * <p>While the tier is unavailable, or while this tenant has invalidations waiting for Redis, L2 is bypassed: its
 * entries may predate an invalidation it has not heard of yet.
 */
public final class TieredBucketStore implements BucketStore {
    private final BucketStore l1;
    private final RedisBucketStore l2;
    private final RedisGenerationStore generations;
    private final RedisTier tier;
    private final Predicate<DayBucket> servable;

    TieredBucketStore(BucketStore l1, RedisBucketStore l2, RedisGenerationStore generations, RedisTier tier,
                      Predicate<DayBucket> servable) {
        this.l1 = l1;
        this.l2 = l2;
        this.generations = generations;
        this.tier = tier;
        this.servable = servable;
    }

    @Override
    public Optional<DayBucket> get(CacheKey.Bucket key) {
        Optional<DayBucket> local = l1.get(key);
        if (local.isPresent() && isCurrent(local.get()) && servable.test(local.get())) {
            return local;
        }
        if (!tier.l2Readable(key.tenant())) {
            return local;
        }
        Optional<DayBucket> shared = l2.get(key).filter(this::isCurrent);
        if (shared.isEmpty()) {
            return local;
        }
        if (local.isPresent() && isCurrent(local.get())
                && !local.get().fetchedAt().isBefore(shared.get().fetchedAt())) {
            return local;
        }
        l1.put(shared.get());
        return shared;
    }

    @Override
    public void put(DayBucket bucket) {
        if (tier.l2Readable(bucket.key().tenant())
                && l2.putIfCurrent(bucket) == RedisBucketStore.Write.REFUSED) {
            return;
        }
        if (isCurrent(bucket)) {
            l1.put(bucket);
        }
    }

    @Override
    public void remove(CacheKey.Bucket key) {
        l1.remove(key);
        l2.remove(key);
    }

    /** The L1 size; the L2 size is in {@link RedisTier#stats()}. */
    @Override
    public long size() {
        return l1.size();
    }

    @Override
    public void clear() {
        l1.clear();
        l2.clear();
    }

    public BucketStore l1() {
        return l1;
    }

    public RedisBucketStore l2() {
        return l2;
    }

    private boolean isCurrent(DayBucket bucket) {
        return bucket.generation() == generations.current(bucket.key().generation());
    }
}
