package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.Lookup;
import io.slotgate.cache.RefreshAhead;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.RealScheduler;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.FreshnessPolicy;
import io.slotgate.cache.TenantId;

import java.time.Clock;
import java.time.Duration;

/** One slotgate instance's cache for one tenant on the shared tier, without HTTP: what the tier tests drive. */
final class TierInstance implements AutoCloseable {
    final RedisTier tier;
    final CaffeineBucketStore l1;
    final RedisTier.TenantTier shared;
    final DayBucketCache cache;
    private final AtomicReference<Filler> upstream = new AtomicReference<>();

    /** A stand-in for Cal.com in these tests: answers one run of days. */
    @FunctionalInterface
    interface Filler {
        CalcomOutcome<List<Slot>> fetch(TimeRange days);
    }

    /** Whether a change here refetches what was read lately: a test of the generation check alone turns it off. */
    final java.util.concurrent.atomic.AtomicBoolean refreshOnInvalidate =
            new java.util.concurrent.atomic.AtomicBoolean(true);

    /**
     * A generous command timeout: the build machine may be busy, and a timeout of a generation read or a change's
     * record makes the tier drop its L1.
     */
    TierInstance(String redisUrl, Clock clock) {
        this(RedisTier.start(RedisSettings.parse(redisUrl + (redisUrl.contains("?") ? "&" : "?") + "timeout=5s"),
                Duration.ofHours(1)), clock);
    }

    TierInstance(RedisTier tier, Clock clock) {
        this.tier = tier;
        this.l1 = new CaffeineBucketStore(clock, 10_000, Duration.ofHours(1));
        FreshnessPolicy policy = FreshnessPolicy.Ttl.seedPhase1();
        this.shared = tier.tenant(TenantId.DEFAULT, l1, b -> policy.isFresh(b, clock.instant()));
        this.cache = DayBucketCache.builder(shared.store(), clock, new RealScheduler(),
                        (target, days, priority, patience) -> upstream.get().fetch(days))
                .policy(() -> policy).generations(shared.generations()).leases(shared.leases())
                // the tier tests count the days each call asks for
                .settings(s -> s.withFillSpan(io.slotgate.cache.FillSpan::asked)
                        .withRefreshOnInvalidate(refreshOnInvalidate::get))
                .build();
    }

    /** The cache's lookup with {@code filler} answering for Cal.com. */
    Lookup lookup(CacheKey.Bucket key, LocalDate first, LocalDate last, Filler filler) {
        upstream.set(filler);
        return cache.lookup(key, first, last);
    }

    @Override
    public void close() {
        tier.close();
    }
}
