package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.GenerationStore;
import io.slotgate.cache.TenantId;

import io.slotgate.cache.DayChange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Generation counters in Redis ({@code sg:{tenant}:gen:{eventTypeId}:{day}}), seen through a local view so that
 * {@link #current} never leaves the process. The view learns from every generation read with a bucket from L2, from
 * the read at the start of every fill ({@link #refresh}) and from the pub/sub broadcast of every increment by any
 * instance. A counter the view does not know reads as {@code -1}, which no bucket carries, so an L1 bucket is never
 * trusted on a guess. {@link #record} is an atomic INCR + log + PUBLISH; while Redis is unavailable it is queued.
 */
public final class RedisGenerationStore implements GenerationStore {
    private final GenerationView view;
    private final ChannelListener channel;
    private final TenantId tenant;

    RedisGenerationStore(GenerationView view, ChannelListener channel, TenantId tenant) {
        this.view = view;
        this.channel = channel;
        this.tenant = tenant;
    }

    @Override
    public long current(CacheKey.Generation key) {
        return view.current(key);
    }

    @Override
    public long record(CacheKey.Generation key, DayChange change) {
        requireOwn(key);
        return view.record(key, change);
    }

    @Override
    public Optional<List<DayChange>> since(CacheKey.Generation key, long generation) {
        return view.changesSince(key, generation);
    }

    @Override
    public long asOf(CacheKey.Generation key, Instant instant) {
        return view.asOf(key, instant);
    }

    /**
     * Told of every change another instance broadcast for this tenant (with the change when its message carried
     * one): the receiver of a webhook refetches the days it read lately, the others learn the change here.
     */
    public void onChange(java.util.function.BiConsumer<CacheKey.Generation, Optional<DayChange>> listener) {
        channel.addChangeListener((key, change) -> {
            if (key.tenant().equals(tenant)) {
                listener.accept(key, change);
            }
        });
    }

    /** Told of every fill another instance (or this one) wrote to the shared tier: its bucket and when it was fetched. */
    public void onFill(java.util.function.BiConsumer<CacheKey.Bucket, Instant> listener) {
        channel.addFillListener((key, fetchedAt) -> {
            if (key.tenant().equals(tenant)) {
                listener.accept(key, fetchedAt);
            }
        });
    }

    @Override
    public List<Long> refresh(List<CacheKey.Generation> keys) {
        return view.refresh(keys);
    }

    private void requireOwn(CacheKey.Generation key) {
        if (!key.tenant().equals(tenant)) {
            throw new IllegalArgumentException("generation " + key.render() + " is not tenant " + tenant + "'s");
        }
    }
}
