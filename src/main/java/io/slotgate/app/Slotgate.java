package io.slotgate.app;

import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.EventTypeDirectory;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.FreshnessPolicy;
import io.slotgate.cache.GenerationStore;
import io.slotgate.cache.InMemoryGenerations;
import io.slotgate.cache.redis.RedisSettings;
import io.slotgate.cache.redis.RedisTier;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.HttpTransport;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.http.SlotgateServer;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.TenantSettings;
import io.slotgate.tenant.Tenants;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Puts one slotgate together from its configuration: the wiring, and nothing else. */
public final class Slotgate implements AutoCloseable {
    private final SlotgateServer server;
    private final Tenants tenants;
    private final Optional<RedisTier> redis;

    private Slotgate(SlotgateServer server, Tenants tenants, Optional<RedisTier> redis) {
        this.server = server;
        this.tenants = tenants;
        this.redis = redis;
    }

    public static Slotgate start(SlotgateConfig config, Clock clock) {
        return start(config, clock, settings -> new HttpTransport(settings.calcomUrl(),
                config.upstreamConnectTimeout(), config.upstreamRequestTimeout()));
    }

    public static Slotgate start(SlotgateConfig config, Clock clock, Function<TenantSettings, CalcomTransport> transports) {
        Optional<RedisTier> redis = redisTier(config);
        try {
            Tenants tenants = tenants(config, clock, transports, redis);
            SlotgateServer server = SlotgateServer.start(config.host(), config.port(), tenants, clock);
            return new Slotgate(server, tenants, redis);
        } catch (RuntimeException e) {
            redis.ifPresent(RedisTier::close);
            throw e;
        }
    }

    /** The shared tier when {@code redis-url} is set; none (L1 only) otherwise. The caller closes it. */
    public static Optional<RedisTier> redisTier(SlotgateConfig config) {
        return config.redisUrl().map(url -> RedisTier.start(RedisSettings.parse(url), config.l1RetainFor()));
    }

    /** In-process tenants (L1 only). */
    public static Tenants tenants(SlotgateConfig config, Clock clock, Function<TenantSettings, CalcomTransport> transports) {
        return tenants(config, clock, transports, Optional.empty());
    }

    public static Tenants tenants(SlotgateConfig config, Clock clock, Function<TenantSettings, CalcomTransport> transports,
                                  Optional<RedisTier> redis) {
        return new Tenants(config.tenants().stream()
                .map(settings -> tenant(config, settings, clock, transports.apply(settings), redis))
                .toList());
    }

    /** One tenant's whole query path, without HTTP in front: for the simulator and the benchmarks too. */
    public static Tenant tenant(SlotgateConfig config, TenantSettings settings, Clock clock, CalcomTransport transport) {
        return tenant(config, settings, clock, transport, Optional.empty());
    }

    /** With {@code redis}: L1 in front of the shared tier, shared generations and fill leases. */
    public static Tenant tenant(SlotgateConfig config, TenantSettings settings, Clock clock, CalcomTransport transport,
                                Optional<RedisTier> redis) {
        CalcomClient client = new CalcomClient(settings.calcomApiKey().map(Secret::reveal), List.of(), transport);
        FreshnessPolicy policy = new FreshnessPolicy.Ttl(config.freshWithSlots(), config.freshWhenEmpty());
        CaffeineBucketStore l1 = new CaffeineBucketStore(clock, config.l1MaxBuckets(), config.l1RetainFor());
        DayBucketCache cache;
        if (redis.isPresent()) {
            RedisTier.TenantTier shared = redis.get().tenant(settings.id(), l1,
                    bucket -> policy.isFresh(bucket, clock.instant()));
            cache = new DayBucketCache(shared.store(), () -> policy, shared.generations(), clock, shared.leases());
        } else {
            GenerationStore generations = new InMemoryGenerations();
            cache = new DayBucketCache(l1, () -> policy, generations, clock);
        }
        EventTypeDirectory eventTypes = new EventTypeDirectory(client, clock);
        AvailabilityService availability = new AvailabilityService(settings.id(), client, cache, eventTypes, clock);
        return new Tenant(settings, client, cache, eventTypes, availability);
    }

    public int port() {
        return server.port();
    }

    public Tenants tenants() {
        return tenants;
    }

    /** The shared tier, when this slotgate runs with one. */
    public Optional<RedisTier> redis() {
        return redis;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            redis.ifPresent(RedisTier::close);
        }
    }
}
