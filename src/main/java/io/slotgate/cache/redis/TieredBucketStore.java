package io.slotgate.cache.redis;

import io.slotgate.cache.BucketStore;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.HeldCopies;
import io.slotgate.cache.UpToDate;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * L1 (in-process) in front of L2 (Redis). A read is answered by L1 when L1 holds a bucket that can be brought up to the
 * current generation (the changes since patched in) and may still be served; otherwise L2 is read (which also
 * refreshes the generation view) and a newer bucket from there is brought up to date and promoted into L1. What
 * cannot be brought up to date comes back as it is stored, for the cache to see it cannot be served. A write goes to
 * L2 unless L2 holds a later fetch, and to L1.
 *
 * <p>While the tier is unavailable, or while this tenant has invalidations waiting for Redis, L2 is bypassed: its
 * entries may predate an invalidation it has not heard of yet. The copies L1 held when the tier was lost or regained
 * are {@linkplain #held kept apart}: the cache serves one only when nothing trusted can answer.
 */
public final class TieredBucketStore implements BucketStore {
    private final BucketStore l1;
    private final RedisBucketStore l2;
    private final RedisGenerationStore generations;
    private final GenerationView view;
    private final Predicate<DayBucket> servable;
    private final HeldCopies held;

    TieredBucketStore(BucketStore l1, RedisBucketStore l2, RedisGenerationStore generations, GenerationView view,
                      Predicate<DayBucket> servable, HeldCopies held) {
        this.held = held;
        this.l1 = l1;
        this.l2 = l2;
        this.generations = generations;
        this.view = view;
        this.servable = servable;
    }

    @Override
    public Optional<DayBucket> get(CacheKey.Bucket key) {
        Optional<DayBucket> raw = l1.get(key);
        Optional<DayBucket> local = raw.flatMap(b -> UpToDate.of(b, generations));
        if (local.isPresent() && servable.test(local.get())) {
            keepInL1(raw.get(), local.get());
            return local;
        }
        if (!view.l2Readable(key.tenant())) {
            return local.isPresent() ? local : raw;
        }
        Optional<DayBucket> shared = l2.get(key).flatMap(b -> UpToDate.of(b, generations));
        if (shared.isEmpty() || local.isPresent() && !local.get().fetchedAt().isBefore(shared.get().fetchedAt())) {
            return local.isPresent() ? local : raw;
        }
        l1.put(shared.get());
        return shared;
    }

    /** A copy patched up to date replaces its older self in L1, so the next read does not patch it again. */
    private void keepInL1(DayBucket stored, DayBucket upToDate) {
        if (stored != upToDate) {
            l1.put(upToDate);
        }
    }

    /**
     * Writes to L2 unless Redis holds a bucket fetched later (then L1 keeps what it has: the next read takes the newer
     * one from Redis), and to L1.
     */
    @Override
    public void put(DayBucket bucket) {
        if (view.l2Readable(bucket.key().tenant())
                && l2.putIfNewer(bucket) == RedisBucketStore.Write.REFUSED) {
            held.release(bucket.key());
            return;
        }
        l1.put(bucket);
        held.release(bucket.key());
    }

    @Override
    public void remove(CacheKey.Bucket key) {
        l1.remove(key);
        held.release(key);
        l2.remove(key);
    }

    /** The copy L1 held of this key when the tier was last lost or regained, kept up to date with what was heard. */
    @Override
    public Optional<DayBucket> held(CacheKey.Bucket key) {
        return held.get(key);
    }

    /** The L1 size; the L2 size is in {@link RedisTier#stats()}. */
    @Override
    public long size() {
        return l1.size();
    }

    @Override
    public void clear() {
        l1.clear();
        held.clear();
        l2.clear();
    }

    public BucketStore l1() {
        return l1;
    }

    RedisBucketStore l2() {
        return l2;
    }

    /** How many buckets the shared tier holds for this tenant (the cache admin's figure). */
    public long l2Size() {
        return l2.size();
    }

}
