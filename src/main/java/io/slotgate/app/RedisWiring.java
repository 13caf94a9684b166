package io.slotgate.app;

import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.TenantId;
import io.slotgate.cache.redis.RedisSettings;
import io.slotgate.cache.redis.RedisTier;
import io.slotgate.calcom.RateLedger;
import io.slotgate.calcom.SharedListsInterceptor;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.invalidation.WebhookRelay;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The wiring of the shared tier: one {@link RedisTier} per process when {@code redis-url} is set, and what each
 * tenant takes from it. Without it every part gets its single-instance default, so the tenant's wiring reads the same
 * either way.
 */
final class RedisWiring {
    private final Optional<RedisTier> tier;

    RedisWiring(Optional<RedisTier> tier) {
        this.tier = tier;
    }

    /** The shared tier when {@code redis-url} is set; none (L1 only) otherwise. The caller closes it. */
    static Optional<RedisTier> start(SlotgateConfig config, Clock clock) {
        return config.redisUrl().map(url -> RedisTier.start(RedisSettings.parse(url), config.l1RetainFor(), clock));
    }

    /** The key's rate ledger: shared by every instance of the key, or this process's own. */
    RateLedger rateLedger(Optional<String> apiKey) {
        return tier.<RateLedger>map(shared -> shared.rateLedger(apiKey)).orElseGet(RateLedger::local);
    }

    /** The list answers other instances of the key read lately, when there are other instances. */
    Optional<SharedListsInterceptor.Store> sharedLists(Optional<String> apiKey) {
        return tier.map(shared -> shared.sharedLists(apiKey));
    }

    /** A tenant's shared stores, with {@code l1} in front: buckets, generations and fill leases. */
    Optional<RedisTier.TenantTier> stores(TenantId tenant, CaffeineBucketStore l1, Predicate<DayBucket> servable) {
        return tier.map(shared -> shared.tenant(tenant, l1, servable));
    }

    /** The cache hears the changes and fills the other instances make. */
    static void follow(Optional<RedisTier.TenantTier> stores, DayBucketCache cache) {
        stores.ifPresent(shared -> shared.generations().onChange(cache::changedElsewhere));
        stores.ifPresent(shared -> shared.generations().onFill(cache::filledElsewhere));
    }

    /**
     * While Redis is away a webhook reaches only the instance it was sent to: it passes it on to the others. Without
     * a tier there are no others.
     */
    WebhookRelay relay(Clock clock) {
        WebhookRelay relay = tier.map(shared -> new WebhookRelay(shared::peers, () -> !shared.available(), clock))
                .orElse(WebhookRelay.NONE);
        tier.ifPresent(shared -> shared.onLost(relay::tierLost));
        return relay;
    }
}
