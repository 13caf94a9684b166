package io.slotgate.app;

import io.slotgate.cache.TenantId;
import io.slotgate.cache.redis.RedisTier;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.RateLedger;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.http.SlotgateServer;
import io.slotgate.ops.CacheAdmin;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.TenantSettings;
import io.slotgate.tenant.Tenants;

import java.util.List;
import java.util.Optional;

/**
 * Puts one slotgate together from its configuration and runtime: the wiring, and nothing else. This class is the
 * front the commands, the simulator and the tests start from; what it wires has classes of its own: a tenant's query
 * path ({@link TenantWiring}), the way to Cal.com ({@link CalcomWiring}), the shared tier ({@link RedisWiring}), what
 * only a server needs ({@link ServerWiring}) and the background jobs ({@link BackgroundWiring}).
 */
public final class Slotgate implements AutoCloseable {
    private final SlotgateServer server;
    private final Tenants tenants;
    private final RuntimeServices runtime;
    private final Optional<RedisTier> redis;
    private final CacheAdmin cacheAdmin;

    private Slotgate(SlotgateServer server, Tenants tenants, RuntimeServices runtime, Optional<RedisTier> redis,
                     CacheAdmin cacheAdmin) {
        this.server = server;
        this.cacheAdmin = cacheAdmin;
        this.tenants = tenants;
        this.runtime = runtime;
        this.redis = redis;
    }

    /** How many requests the HTTP server's hit path answered in front of Javalin. */
    public long readyHitsAnswered() {
        return server.readyHitsAnswered();
    }

    /** Every route the HTTP server serves, as {@code "METHOD path"}. */
    public List<String> routes() {
        return server.routes();
    }

    public static Slotgate start(SlotgateConfig config) {
        return start(config, RuntimeServices.production(config));
    }

    public static Slotgate start(SlotgateConfig config, RuntimeServices runtime) {
        Optional<RedisTier> redis = RedisWiring.start(config, runtime.clock());
        try {
            Tenants tenants = tenants(config, runtime, redis);
            redis.ifPresent(runtime.metrics()::bindRedis);
            startBackground(tenants, runtime);
            CacheAdmin cacheAdmin = new CacheAdmin(tenants, redis, runtime.clock(), runtime.policy());
            SlotgateServer server = ServerWiring.start(config, tenants, runtime, cacheAdmin);
            redis.ifPresent(tier -> tier.advertise(ServerWiring.advertisedUrl(config, server.port())));
            return new Slotgate(server, tenants, runtime, redis, cacheAdmin);
        } catch (RuntimeException e) {
            redis.ifPresent(RedisTier::close);
            throw e;
        }
    }

    /** Every configured tenant, with {@code redis} (when present) as their shared tier. */
    public static Tenants tenants(SlotgateConfig config, RuntimeServices runtime, Optional<RedisTier> redis) {
        RedisWiring shared = new RedisWiring(redis);
        return new Tenants(config.tenants().stream()
                .map(settings -> TenantWiring.tenant(config, settings, runtime, shared))
                .toList());
    }

    /** Warming rounds, staleness verification rounds and the policy file watch, on the runtime's scheduler. */
    public static void startBackground(Tenants tenants, RuntimeServices runtime) {
        BackgroundWiring.start(tenants, runtime);
    }

    /** One tenant's whole query path, in process only, without HTTP in front: for the simulator and benchmarks. */
    public static Tenant tenant(SlotgateConfig config, TenantSettings settings, RuntimeServices runtime) {
        return TenantWiring.tenant(config, settings, runtime, new RedisWiring(Optional.empty()));
    }

    /** The default tenant's client, its rate ledger this process's own; the chain is {@link CalcomWiring#client}'s. */
    public static CalcomClient client(SlotgateConfig config, Optional<String> apiKey, RuntimeServices runtime,
                                      CalcomTransport transport) {
        return CalcomWiring.client(config, TenantId.DEFAULT, apiKey, runtime, transport,
                CalcomWiring.Guards.of(config, runtime, RateLedger.local()), Optional.empty());
    }

    /**
     * Loads every tenant's event-type catalog in the background now, so that the first queries find it loaded (a
     * query that comes sooner loads it itself): what {@code slotgate serve} does once it listens.
     */
    public void loadCatalogs() {
        BackgroundWiring.loadCatalogs(tenants, runtime);
    }

    public int port() {
        return server.port();
    }

    public Tenants tenants() {
        return tenants;
    }

    public RuntimeServices runtime() {
        return runtime;
    }

    /** Cache figures, key listing and clearing: what the admin API and {@code slotgate cache} use. */
    public CacheAdmin cacheAdmin() {
        return cacheAdmin;
    }

    /** The shared tier, when this slotgate runs with one. */
    public Optional<RedisTier> redis() {
        return redis;
    }

    @Override
    public void close() {
        tenants.all().forEach(tenant -> tenant.invalidation().hosts().stop());
        try {
            server.close();
        } finally {
            redis.ifPresent(RedisTier::close);
            if (runtime.scheduler() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
