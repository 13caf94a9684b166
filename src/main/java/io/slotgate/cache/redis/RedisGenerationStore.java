package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.GenerationStore;
import io.slotgate.cache.TenantId;

import java.util.List;

/**
 * Generation counters in Redis ({@code sg:{tenant}:gen:{eventTypeId}:{day}}), seen through a local view so that
 * {@link #current} never leaves the process. The view learns from every generation read with a bucket from L2, from
 * the read at the start of every fill ({@link #refresh}) and from the pub/sub broadcast of every increment by any
 * instance. A counter the view does not know reads as {@code -1}, which no bucket carries, so an L1 bucket is never
 * trusted on a guess. {@link #increment} is an atomic INCR + PUBLISH; while Redis is unavailable it is queued.
 */
public final class RedisGenerationStore implements GenerationStore {
    private final RedisTier tier;
    private final TenantId tenant;

    RedisGenerationStore(RedisTier tier, TenantId tenant) {
        this.tier = tier;
        this.tenant = tenant;
    }

    @Override
    public long current(CacheKey.Generation key) {
        return tier.currentGeneration(key);
    }

    @Override
    public long increment(CacheKey.Generation key) {
        requireOwn(key);
        return tier.invalidate(key);
    }

    @Override
    public List<Long> refresh(List<CacheKey.Generation> keys) {
        return tier.refreshGenerations(keys);
    }

    private void requireOwn(CacheKey.Generation key) {
        if (!key.tenant().equals(tenant)) {
            throw new IllegalArgumentException("generation " + key.render() + " is not tenant " + tenant + "'s");
        }
    }
}
