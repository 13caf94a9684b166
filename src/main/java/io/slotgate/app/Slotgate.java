package io.slotgate.app;

import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.CalcomEventTypeNames;
import io.slotgate.availability.EventTypeCatalog;
import io.slotgate.availability.EventTypeDirectory;
import io.slotgate.availability.KeptWarm;
import io.slotgate.availability.UpstreamFiller;
import io.slotgate.availability.Warmer;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.redis.RedisSettings;
import io.slotgate.cache.redis.RedisTier;
import io.slotgate.cache.BucketStore;
import io.slotgate.cache.CacheSettings;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.FillLeases;
import io.slotgate.cache.GenerationStore;
import io.slotgate.cache.InMemoryGenerations;
import io.slotgate.cache.RefreshAhead;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomInterceptor;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.CircuitBreakerInterceptor;
import io.slotgate.calcom.RateBudget;
import io.slotgate.calcom.RateBudgetInterceptor;
import io.slotgate.calcom.RateLedger;
import io.slotgate.calcom.RetryInterceptor;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.http.SlotgateServer;
import io.slotgate.finder.Finder;
import io.slotgate.invalidation.HeldSlots;
import io.slotgate.invalidation.HostMap;
import io.slotgate.invalidation.WriteThrough;
import io.slotgate.invalidation.InMemorySeenWebhooks;
import io.slotgate.invalidation.WebhookRelay;
import io.slotgate.invalidation.Invalidation;
import io.slotgate.invalidation.InvalidationCounters;
import io.slotgate.invalidation.Invalidator;
import io.slotgate.invalidation.SiblingRefresh;
import io.slotgate.invalidation.WebhookIntake;
import io.slotgate.ops.CacheAdmin;
import io.slotgate.ops.StalenessVerifier;
import io.slotgate.metrics.VerificationResult;
import io.slotgate.ops.UpstreamLedger;
import io.slotgate.policy.AdaptiveFreshness;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.TenantSettings;
import io.slotgate.tenant.Tenants;
import io.slotgate.time.Scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Puts one slotgate together from its configuration and runtime: the wiring, and nothing else. */
public final class Slotgate implements AutoCloseable {
    /** What an early refresh costs: Cal.com's typical latency (NOTES.md, DESIGN.md §1: 300-800 ms). */
    private static final Duration REFRESH_COST = Duration.ofMillis(800);

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
    public java.util.List<String> routes() {
        return server.routes();
    }

    public static Slotgate start(SlotgateConfig config) {
        return start(config, RuntimeServices.production(config));
    }

    public static Slotgate start(SlotgateConfig config, RuntimeServices runtime) {
        Optional<RedisTier> redis = redisTier(config, runtime.clock());
        try {
            Tenants tenants = tenants(config, runtime, redis);
            redis.ifPresent(runtime.metrics()::bindRedis);
            startBackground(tenants, runtime);
            CacheAdmin cacheAdmin = new CacheAdmin(tenants, redis, runtime.clock(), runtime.policy());
            SlotgateServer server = SlotgateServer.start(config, tenants, runtime, cacheAdmin,
                    tenantRoutes(tenants, runtime));
            redis.ifPresent(tier -> tier.advertise(advertisedUrl(config, server.port())));
            return new Slotgate(server, tenants, runtime, redis, cacheAdmin);
        } catch (RuntimeException e) {
            redis.ifPresent(RedisTier::close);
            throw e;
        }
    }

    /** How often lapsed holds are looked for: a held slot comes back within about this long of its expiry. */
    static final Duration HOLD_SWEEP = Duration.ofSeconds(1);

    /** What the HTTP routes add to each tenant: only a server takes bookings and holds, so only a server sweeps. */
    private static java.util.Map<TenantId, SlotgateServer.TenantRoutes> tenantRoutes(Tenants tenants,
                                                                                    RuntimeServices runtime) {
        java.util.Map<TenantId, SlotgateServer.TenantRoutes> routes = new java.util.HashMap<>();
        for (Tenant tenant : tenants.all()) {
            Invalidator invalidator = tenant.invalidation().invalidator();
            HeldSlots holds = new HeldSlots(invalidator, runtime.clock());
            runtime.scheduler().every(HOLD_SWEEP, holds::sweep);
            routes.put(tenant.id(), new SlotgateServer.TenantRoutes(new Finder(tenant.availability(), runtime.clock()),
                    new WriteThrough(tenant.client(), invalidator, Optional.of(holds))));
        }
        return routes;
    }

    /**
     * Where the other instances reach this one: the configured host, or (listening on every interface) this
     * machine's own address, as a container or a host names itself.
     */
    static java.net.URI advertisedUrl(SlotgateConfig config, int port) {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostAddress();
            } catch (java.net.UnknownHostException e) {
                host = "127.0.0.1";
            }
        }
        return java.net.URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /** The shared tier when {@code redis-url} is set; none (L1 only) otherwise. The caller closes it. */
    public static Optional<RedisTier> redisTier(SlotgateConfig config, java.time.Clock clock) {
        return config.redisUrl().map(url -> RedisTier.start(RedisSettings.parse(url), config.l1RetainFor(), clock));
    }

    public static Tenants tenants(SlotgateConfig config, RuntimeServices runtime, Optional<RedisTier> redis) {
        return new Tenants(config.tenants().stream()
                .map(settings -> tenant(config, settings, runtime, redis))
                .toList());
    }

    /** Warming rounds, staleness verification rounds and the policy file watch, on the runtime's scheduler. */
    public static void startBackground(Tenants tenants, RuntimeServices runtime) {
        Scheduler scheduler = runtime.scheduler();
        for (Tenant tenant : tenants.all()) {
            new Warmer(tenant.availability(), runtime.policy(), runtime.clock()).start(scheduler);
            tenant.verifier().start(scheduler);
            EventTypeCatalog catalog = tenant.availability().catalog();
            if (catalog.settings().enabled()) {
                // kept up to date; the first load is the first query's, or loadCatalogs' at a server's start
                scheduler.every(catalog.settings().refreshEvery(), catalog::refresh);
            }
        }
        if (runtime.policy().file().isPresent()) {
            scheduler.every(Duration.ofSeconds(2), runtime.policy()::reloadIfChanged);
        }
        scheduler.every(METRICS_SAMPLE, runtime.metrics()::sample);
    }

    /** How often the dashboard's timeline notes the rate budget, whether or not calls are made. */
    public static final Duration METRICS_SAMPLE = Duration.ofSeconds(5);

    /** How often every event type's hosts and buffers are fetched again (they change without a webhook). */
    public static final Duration HOST_MAP_REFRESH = Duration.ofMinutes(30);

    /** One tenant's whole query path, in process only, without HTTP in front: for the simulator and benchmarks. */
    public static Tenant tenant(SlotgateConfig config, TenantSettings settings, RuntimeServices runtime) {
        return tenant(config, settings, runtime, Optional.empty());
    }

    /** With {@code redis}: L1 in front of the shared tier, shared generations and fill leases. */
    public static Tenant tenant(SlotgateConfig config, TenantSettings settings, RuntimeServices runtime,
                                Optional<RedisTier> redis) {
        CalcomTransport transport = runtime.transports().apply(settings);
        Optional<String> apiKey = settings.calcomApiKey().map(Secret::reveal);
        RateLedger ledger = redis.<RateLedger>map(tier -> tier.rateLedger(apiKey)).orElseGet(RateLedger::local);
        Guards guards = guards(config, runtime, ledger);
        RateBudget budget = guards.budget();
        CalcomClient client = client(config, settings.id(), apiKey, runtime, transport, guards,
                redis.map(tier -> tier.sharedLists(apiKey)));
        EventTypeDirectory eventTypes = new EventTypeDirectory(client, runtime.clock());
        AdaptiveFreshness freshness = new AdaptiveFreshness(settings.id(), runtime.policy(), runtime.activity());
        CaffeineBucketStore l1 = new CaffeineBucketStore(runtime.clock(), config.l1MaxBuckets(), config.l1RetainFor());
        BucketStore store = l1;
        GenerationStore generations = new InMemoryGenerations();
        FillLeases leases = FillLeases.NONE;
        Optional<io.slotgate.cache.redis.RedisGenerationStore> remote = Optional.empty();
        if (redis.isPresent()) {
            RedisTier.TenantTier shared = redis.get().tenant(settings.id(), l1,
                    bucket -> freshness.isFresh(bucket, runtime.clock().instant()));
            store = shared.store();
            generations = shared.generations();
            leases = shared.leases();
            remote = Optional.of(shared.generations());
        }
        java.util.function.Consumer<java.util.Set<String>> chargeRefused =
                clients -> budget.shares().charge(clients, runtime.clock().instant());
        // the catalog needs slotgate's key: without one Cal.com lists nothing, and every id is admitted as before
        EventTypeCatalog catalog = apiKey.isPresent() && config.catalog().enabled()
                ? new EventTypeCatalog(client, eventTypes, runtime.clock(), config.catalog(), RateBudget.WINDOW,
                chargeRefused)
                : EventTypeCatalog.open(client, eventTypes, runtime.clock(), chargeRefused);
        // the host map's periodic refresh takes listed facts from the catalog's last load: no call per event type
        HostMap hosts = new HostMap(settings.id(), catalog::describe, runtime.scheduler());
        eventTypes.addListener(hosts::learn);
        hosts.refreshEvery(HOST_MAP_REFRESH);
        InvalidationCounters counters = new InvalidationCounters();
        UpstreamFiller filler = new UpstreamFiller(client, eventTypes, hosts::maxBeforeBuffer, hosts::maxAfterBuffer);
        KeptWarm keptWarm = new KeptWarm(runtime.policy());
        DayBucketCache cache = DayBucketCache.builder(store, runtime.clock(), runtime.scheduler(), filler)
                .policy(() -> freshness).generations(generations).leases(leases)
                .refreshAhead(new RefreshAhead(() -> runtime.policy().get().refreshAheadBeta(), REFRESH_COST,
                        runtime.random()))
                .settings(cacheSettings(config, runtime, budget, keptWarm, new SiblingRefresh(hosts, counters)))
                .build();
        remote.ifPresent(shared -> shared.onChange(cache::changedElsewhere));
        remote.ifPresent(shared -> shared.onFill(cache::filledElsewhere));
        AvailabilityService availability = new AvailabilityService(settings.id(), client, cache, eventTypes,
                runtime.clock(), runtime.policy(), catalog, keptWarm);
        Invalidator invalidator = new Invalidator(settings.id(),
                new io.slotgate.invalidation.InvalidationSink() {
                    @Override
                    public void changed(io.slotgate.cache.CacheKey.Generation day, io.slotgate.cache.DayChange change) {
                        availability.changed(day, change);
                    }

                    @Override
                    public void mayHaveFreed(io.slotgate.cache.CacheKey.Generation day, java.time.Instant learnedAt) {
                        availability.mayHaveFreed(day, learnedAt);
                    }
                }, hosts, counters, runtime.clock(),
                availability::invalidatesHosts, runtime.activity());
        // while Redis is away a webhook reaches only the instance it was sent to: it passes it on to the others
        WebhookRelay relay = redis.map(tier -> new WebhookRelay(tier::peers, () -> !tier.available(), runtime.clock()))
                .orElse(WebhookRelay.NONE);
        redis.ifPresent(tier -> tier.onLost(relay::tierLost));
        WebhookIntake webhooks = new WebhookIntake(settings.id(), settings.webhookSecret(),
                new InMemorySeenWebhooks(runtime.clock()), invalidator, relay);
        StalenessVerifier verifier = new StalenessVerifier(settings.id(), filler, eventTypes, cache, counters,
                runtime.clock(), config.verifier(), runtime.random());
        availability.addListener(verifier);
        runtime.metrics().bindTenant(settings.id(), budget, guards.breaker(), cache, l1, counters, availability.layouts());
        runtime.metrics().bindCatalog(settings.id(), catalog);
        runtime.metrics().bindRenderings(settings.id(), availability);
        verifier.onVerdict(verdict -> runtime.metrics().recordVerification(switch (verdict) {
            case FRESH -> VerificationResult.OK;
            case FALSE_UNAVAILABLE -> VerificationResult.FALSE_UNAVAILABLE;
            case FALSE_AVAILABLE, BOTH -> VerificationResult.FALSE_AVAILABLE;
            case SKIPPED -> throw new IllegalStateException("skipped verifications are not reported");
        }));
        return new Tenant(settings, client, guards.ledger(), cache, eventTypes, new CalcomEventTypeNames(client, eventTypes::learn, runtime.clock()),
                availability,
                new Invalidation(hosts, invalidator, webhooks, counters), verifier);
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

    /**
     * The Cal.com client of one key, with the upstream discipline of docs/architecture.md. The chain, outermost first:
     * <ol>
     *   <li>bearer (inside {@link CalcomClient}): first, so the rate budget sees whose key a call is made with;</li>
     *   <li>shared lists (with Redis): a list answer another instance of the key read lately is no call at all, so
     *       it comes before everything that counts or guards calls;</li>
     *   <li>circuit breaker: outside the retries, so it judges a call by its final outcome (a 5xx retried into a 200
     *       is a success) and, while open, fails fast without spending a retry's backoff or a token;</li>
     *   <li>retry: outside the rate budget, so every retry asks for a token like a first try and can never push the
     *       key over Cal.com's limit; a retry the budget refuses (a 429) ends the retrying;</li>
     *   <li>rate budget: so it counts exactly the calls that reach Cal.com and reads Cal.com's own rate-limit
     *       headers on each answer;</li>
     *   <li>upstream ledger: after the budget, so it counts the calls that leave slotgate per UTC day and event
     *       type (a call the budget refuses is not one, each retry is);</li>
     *   <li>call counter ({@link io.slotgate.metrics.SlotgateMetrics#calcomCalls}): right before the transport, so
     *       the metrics count each call actually sent, with the status Cal.com answered;</li>
     *   <li>transport.</li>
     * </ol>
     * One breaker per client, that is per tenant: one tenant's failing Cal.com must not stop another's. One budget per
     * key: the ledger is shared by every instance through Redis when there is one.
     */
    public static CalcomClient client(SlotgateConfig config, TenantId tenant, Optional<String> apiKey,
                                      RuntimeServices runtime, CalcomTransport transport, RateLedger ledger) {
        return client(config, tenant, apiKey, runtime, transport, guards(config, runtime, ledger), Optional.empty());
    }

    /**
     * The parts of a client's chain that others read (the metrics, the catalog, the cache admin): built by the
     * wiring and handed to them from here, rather than looked up in the chain by class.
     */
    public record Guards(CircuitBreakerInterceptor breaker, RateBudget budget, UpstreamLedger ledger) {
    }

    private static Guards guards(SlotgateConfig config, RuntimeServices runtime, RateLedger ledger) {
        return new Guards(new CircuitBreakerInterceptor(config.circuitBreaker(), runtime.clock()),
                new RateBudget(config.rateBudget(), runtime.clock(), ledger), new UpstreamLedger(runtime.clock()));
    }

    /** With {@code sharedLists}: the list answers other instances of the key read lately answer this one's too. */
    public static CalcomClient client(SlotgateConfig config, TenantId tenant, Optional<String> apiKey,
                                      RuntimeServices runtime, CalcomTransport transport, Guards guards,
                                      Optional<io.slotgate.calcom.SharedListsInterceptor.Store> sharedLists) {
        List<CalcomInterceptor> chain = new java.util.ArrayList<>();
        sharedLists.ifPresent(store -> chain.add(new io.slotgate.calcom.SharedListsInterceptor(store, runtime.sleeper())));
        chain.addAll(List.of(
                guards.breaker(),
                new RetryInterceptor(config.retry(), runtime.sleeper(), runtime.random()),
                new RateBudgetInterceptor(guards.budget(), runtime.sleeper(), apiKey),
                guards.ledger(),
                runtime.metrics().calcomCalls(tenant)));
        return new CalcomClient(apiKey, chain, transport);
    }

    /** The default tenant's client. */
    public static CalcomClient client(SlotgateConfig config, Optional<String> apiKey, RuntimeServices runtime,
                                      CalcomTransport transport) {
        return client(config, TenantId.DEFAULT, apiKey, runtime, transport, RateLedger.local());
    }

    /**
     * Loads every tenant's event-type catalog in the background now, so that the first queries find it loaded (a
     * query that comes sooner loads it itself): what {@code slotgate serve} does once it listens.
     */
    public void loadCatalogs() {
        for (Tenant tenant : tenants.all()) {
            EventTypeCatalog catalog = tenant.availability().catalog();
            if (catalog.settings().enabled()) {
                runtime.scheduler().execute(catalog::refresh);
            }
        }
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
