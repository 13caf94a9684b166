package io.slotgate.cache.redis;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.slotgate.cache.BucketStore;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One tenant's buckets in Redis (L2), encoded by {@link BucketCodec} under {@code sg:{tenant}:slots:...}. Redis
 * expiry (the tier's retention) only reclaims memory; whether a bucket may be served is decided by the reader's
 * freshness policy and generation check, as for L1. Every read fetches the bucket together with its generation
 * counter (one MGET) and feeds the counter to the generation view. A write never replaces a bucket fetched later
 * ({@link #putIfNewer}).
 * A Redis failure is counted and reported to the tier, never thrown: the caller goes on without L2.
 */
final class RedisBucketStore implements BucketStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBucketStore.class);

    /** What a conditional write came to. */
    public enum Write { WRITTEN, REFUSED, UNAVAILABLE }

    private final RedisTier tier;
    private final TenantId tenant;

    RedisBucketStore(RedisTier tier, TenantId tenant) {
        this.tier = tier;
        this.tenant = tenant;
    }

    @Override
    public Optional<DayBucket> get(CacheKey.Bucket key) {
        if (!tier.available()) {
            return Optional.empty();
        }
        try {
            List<KeyValue<String, String>> values = tier.sync().mget(
                    tier.keys().bucket(key), tier.keys().generation(key.generation()));
            KeyValue<String, String> generation = values.get(1);
            tier.observe(key.generation(), generation.hasValue() ? Long.parseLong(generation.getValue()) : 0);
            KeyValue<String, String> bucket = values.get(0);
            if (!bucket.hasValue()) {
                tier.counters().l2Misses.increment();
                return Optional.empty();
            }
            tier.counters().l2Hits.increment();
            return Optional.of(BucketCodec.decode(key, bucket.getValue()));
        } catch (IllegalArgumentException e) {
            LOG.warn("unreadable bucket {} in Redis, ignored: {}", key.render(), e.getMessage());
            tier.counters().l2Misses.increment();
            return Optional.empty();
        } catch (RuntimeException e) {
            tier.absorbed("reading " + key.render(), e);
            return Optional.empty();
        }
    }

    /** Same as {@link #putIfNewer}; the outcome is in the tier's counters. */
    @Override
    public void put(DayBucket bucket) {
        putIfNewer(bucket);
    }

    /**
     * Writes the bucket unless Redis holds one fetched later (one Lua script, which also tells every instance): a
     * bucket carries the generation its content stands for, and readers patch in the changes since, so a write needs
     * no check of the counter.
     */
    public Write putIfNewer(DayBucket bucket) {
        requireOwn(bucket.key());
        if (!tier.available()) {
            return Write.UNAVAILABLE;
        }
        CacheKey.Bucket key = bucket.key();
        try {
            List<?> result = (List<?>) tier.eval(Scripts.PUT_NEWER, ScriptOutputType.MULTI,
                    new String[] {tier.keys().bucket(key), tier.keys().generation(key.generation())},
                    BucketCodec.encode(bucket), Long.toString(bucket.fetchedAt().toEpochMilli()),
                    Long.toString(tier.settings().retention().toMillis()),
                    Long.toString(tier.generationRetention().toMillis()), tier.settings().channel(), key.render());
            tier.observe(key.generation(), (Long) result.get(1));
            if ((Long) result.get(0) == 1L) {
                tier.counters().l2Writes.increment();
                return Write.WRITTEN;
            }
            tier.counters().l2WritesRefused.increment();
            return Write.REFUSED;
        } catch (RuntimeException e) {
            tier.absorbed("writing " + key.render(), e);
            return Write.UNAVAILABLE;
        }
    }

    @Override
    public void remove(CacheKey.Bucket key) {
        if (!tier.available()) {
            return;
        }
        try {
            tier.sync().del(tier.keys().bucket(key));
        } catch (RuntimeException e) {
            tier.failed("removing " + key.render(), e);
        }
    }

    /** The tenant's bucket keys in Redis, counted by SCAN: for stats, not for the hot path. */
    @Override
    public long size() {
        if (!tier.available()) {
            return 0;
        }
        try {
            return tier.countKeys(tier.keys().bucketPattern(tenant));
        } catch (RuntimeException e) {
            tier.failed("counting " + tenant + "'s buckets", e);
            return 0;
        }
    }

    /** Deletes the tenant's buckets from Redis (SCAN + DEL); generation counters stay. */
    @Override
    public void clear() {
        if (!tier.available()) {
            return;
        }
        try {
            ScanIterator<String> it = ScanIterator.scan(tier.sync(),
                    KeyScanArgs.Builder.matches(tier.keys().bucketPattern(tenant)).limit(1000));
            List<String> batch = new ArrayList<>();
            while (it.hasNext()) {
                batch.add(it.next());
                if (batch.size() == 500) {
                    deleteEach(batch);
                }
            }
            deleteEach(batch);
        } catch (RuntimeException e) {
            tier.failed("clearing " + tenant + "'s buckets", e);
        }
    }

    private void deleteEach(List<String> batch) {
        for (String k : batch) {
            tier.sync().del(k); // one key per DEL: keys of a cluster may sit on different nodes
        }
        batch.clear();
    }

    private void requireOwn(CacheKey.Bucket key) {
        if (!key.tenant().equals(tenant)) {
            throw new IllegalArgumentException("bucket " + key.render() + " is not tenant " + tenant + "'s");
        }
    }
}
