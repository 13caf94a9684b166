package io.slotgate.cache.redis;

import io.slotgate.cache.CaffeineBucketStore;
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

    /** A generous command timeout: the build machine may be busy, and a timeout makes the tier drop its L1. */
    TierInstance(String redisUrl, Clock clock) {
        this(RedisTier.start(RedisSettings.parse(redisUrl + (redisUrl.contains("?") ? "&" : "?") + "timeout=5s"),
                Duration.ofHours(1)), clock);
    }

    TierInstance(RedisTier tier, Clock clock) {
        this.tier = tier;
        this.l1 = new CaffeineBucketStore(clock, 10_000, Duration.ofHours(1));
        FreshnessPolicy policy = FreshnessPolicy.Ttl.seedPhase1();
        this.shared = tier.tenant(TenantId.DEFAULT, l1, b -> policy.isFresh(b, clock.instant()));
        this.cache = new DayBucketCache(shared.store(), () -> policy, shared.generations(), clock, shared.leases());
    }

    @Override
    public void close() {
        tier.close();
    }
}
