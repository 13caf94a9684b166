package io.slotgate.app;

import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.CalcomEventTypeNames;
import io.slotgate.availability.EventTypeCatalog;
import io.slotgate.availability.EventTypeDirectory;
import io.slotgate.availability.KeptWarm;
import io.slotgate.availability.UpstreamFiller;
import io.slotgate.cache.BucketStore;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CacheSettings;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.DayChange;
import io.slotgate.cache.RefreshAhead;
import io.slotgate.cache.redis.RedisTier;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.RateBudget;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.invalidation.HostMap;
import io.slotgate.invalidation.InMemorySeenWebhooks;
import io.slotgate.invalidation.Invalidation;
import io.slotgate.invalidation.InvalidationCounters;
import io.slotgate.invalidation.InvalidationSink;
import io.slotgate.invalidation.Invalidator;
import io.slotgate.invalidation.SiblingRefresh;
import io.slotgate.invalidation.WebhookIntake;
import io.slotgate.invalidation.WebhookRelay;
import io.slotgate.metrics.VerificationResult;
import io.slotgate.ops.StalenessVerifier;
import io.slotgate.policy.AdaptiveFreshness;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.TenantSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The wiring of one tenant's whole query path, in dependency order: its Cal.com client, event types and catalog,
 * host map, day-bucket cache, availability, invalidation and verifier, bound to the process's metrics. Each object is
 * built with what it needs; the cycle between the cache's changes and the availability that hears them is broken by
 * the {@link InvalidationSink} the invalidator is given.
 */
final class TenantWiring {
    /** What an early refresh costs: Cal.com's typical latency (NOTES.md, DESIGN.md §1: 300-800 ms). */
    private static final Duration REFRESH_COST = Duration.ofMillis(800);

    /** How often every event type's hosts and buffers are fetched again (they change without a webhook). */
    static final Duration HOST_MAP_REFRESH = Duration.ofMinutes(30);

    private TenantWiring() {
    }

    /** With a shared tier: L1 in front of it, shared generations and fill leases, a shared rate ledger. */
    static Tenant tenant(SlotgateConfig config, TenantSettings settings, RuntimeServices runtime, RedisWiring redis) {
        CalcomTransport transport = runtime.transports().apply(settings);
        Optional<String> apiKey = settings.calcomApiKey().map(Secret::reveal);
        CalcomWiring.Guards guards = CalcomWiring.Guards.of(config, runtime, redis.rateLedger(apiKey));
        RateBudget budget = guards.budget();
        CalcomClient client = CalcomWiring.client(config, settings.id(), apiKey, runtime, transport, guards,
                redis.sharedLists(apiKey));
        EventTypeDirectory eventTypes = new EventTypeDirectory(client, runtime.clock());
        AdaptiveFreshness freshness = new AdaptiveFreshness(settings.id(), runtime.policy(), runtime.activity());
        CaffeineBucketStore l1 = new CaffeineBucketStore(runtime.clock(), config.l1MaxBuckets(), config.l1RetainFor());
        Optional<RedisTier.TenantTier> shared = redis.stores(settings.id(), l1,
                bucket -> freshness.isFresh(bucket, runtime.clock().instant()));
        EventTypeCatalog catalog = catalog(config, runtime, apiKey, client, eventTypes, budget);
        // the host map's periodic refresh takes listed facts from the catalog's last load: no call per event type
        HostMap hosts = new HostMap(settings.id(), catalog::describe, runtime.scheduler());
        eventTypes.addListener(hosts::learn);
        hosts.refreshEvery(HOST_MAP_REFRESH);
        InvalidationCounters counters = new InvalidationCounters();
        UpstreamFiller filler = new UpstreamFiller(client, eventTypes, hosts::maxBeforeBuffer, hosts::maxAfterBuffer);
        KeptWarm keptWarm = new KeptWarm(runtime.policy());
        BucketStore store = shared.<BucketStore>map(RedisTier.TenantTier::store).orElse(l1);
        DayBucketCache.Builder cacheBuilder = DayBucketCache.builder(store, runtime.clock(), runtime.scheduler(), filler)
                .policy(() -> freshness);
        shared.ifPresent(tier -> cacheBuilder.generations(tier.generations()).leases(tier.leases()));
        DayBucketCache cache = cacheBuilder
                .refreshAhead(new RefreshAhead(() -> runtime.policy().get().refreshAheadBeta(), REFRESH_COST,
                        runtime.random()))
                .settings(cacheSettings(config, runtime, budget, keptWarm, new SiblingRefresh(hosts, counters)))
                .build();
        RedisWiring.follow(shared, cache);
        AvailabilityService availability = new AvailabilityService(settings.id(), client, cache, eventTypes,
                runtime.clock(), runtime.policy(), catalog, keptWarm);
        Invalidator invalidator = new Invalidator(settings.id(), sinkFor(availability), hosts, counters,
                runtime.clock(), availability::invalidatesHosts, runtime.activity());
        WebhookRelay relay = redis.relay(runtime.clock());
        WebhookIntake webhooks = new WebhookIntake(settings.id(), settings.webhookSecret(),
                new InMemorySeenWebhooks(runtime.clock()), invalidator, relay);
        StalenessVerifier verifier = new StalenessVerifier(settings.id(), filler, eventTypes, cache, counters,
                runtime.clock(), config.verifier(), runtime.random());
        availability.addListener(verifier);
        runtime.metrics().bindTenant(settings.id(), budget, guards.breaker(), cache, l1, counters,
                availability.layouts());
        runtime.metrics().bindCatalog(settings.id(), catalog);
        runtime.metrics().bindRenderings(settings.id(), availability);
        verifier.onVerdict(verdict -> runtime.metrics().recordVerification(switch (verdict) {
            case FRESH -> VerificationResult.OK;
            case FALSE_UNAVAILABLE -> VerificationResult.FALSE_UNAVAILABLE;
            case FALSE_AVAILABLE, BOTH -> VerificationResult.FALSE_AVAILABLE;
            case SKIPPED -> throw new IllegalStateException("skipped verifications are not reported");
        }));
        return new Tenant(settings, client, guards.ledger(), cache, store, eventTypes,
                new CalcomEventTypeNames(client, eventTypes::learn, runtime.clock()), availability,
                new Invalidation(hosts, invalidator, webhooks, counters), verifier);
    }

    /**
     * The catalog needs slotgate's key: without one Cal.com lists nothing, and every id is admitted as before. A
     * refused catalog call is charged to the clients it was made for.
     */
    private static EventTypeCatalog catalog(SlotgateConfig config, RuntimeServices runtime, Optional<String> apiKey,
                                            CalcomClient client, EventTypeDirectory eventTypes, RateBudget budget) {
        Consumer<Set<String>> chargeRefused = clients -> budget.shares().charge(clients, runtime.clock().instant());
        return apiKey.isPresent() && config.catalog().enabled()
                ? new EventTypeCatalog(client, eventTypes, runtime.clock(), runtime.scheduler(), config.catalog(),
                RateBudget.WINDOW,
                chargeRefused)
                : EventTypeCatalog.open(client, eventTypes, runtime.clock(), chargeRefused);
    }

    /** The invalidator's changes go to the availability, which patches or drops the cache's copies. */
    private static InvalidationSink sinkFor(AvailabilityService availability) {
        return new InvalidationSink() {
            @Override
            public void changed(CacheKey.Generation day, DayChange change) {
                availability.changed(day, change);
            }

            @Override
            public void mayHaveFreed(CacheKey.Generation day, Instant learnedAt) {
                availability.mayHaveFreed(day, learnedAt);
            }
        };
    }

    /** The policy's figures are read at each use, so that a reloaded policy applies at once. */
    private static CacheSettings cacheSettings(SlotgateConfig config, RuntimeServices runtime, RateBudget budget,
                                               KeptWarm keptWarm, CacheSettings.UnannouncedChange unannounced) {
        Supplier<PolicyProfile> policy = runtime.policy();
        return new CacheSettings(() -> policy.get().fill(), config.rateBudget().maxUserWait(),
                budget::expectedUserWait, () -> policy.get().changedCopyFor(), () -> policy.get().backgroundSpacing(),
                () -> policy.get().freedSpacing(), () -> policy.get().patchConfirmDelay(), config.calcomResultCache(),
                () -> policy.get().refreshOnInvalidate(), keptWarm, unannounced);
    }
}
