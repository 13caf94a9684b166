package io.slotgate.app;

import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.EventTypeDirectory;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.FreshnessPolicy;
import io.slotgate.cache.GenerationStore;
import io.slotgate.cache.InMemoryGenerations;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomInterceptor;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.CircuitBreakerInterceptor;
import io.slotgate.calcom.HttpTransport;
import io.slotgate.calcom.RateBudget;
import io.slotgate.calcom.RateBudgetInterceptor;
import io.slotgate.calcom.RetryInterceptor;
import io.slotgate.calcom.Sleeper;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.http.SlotgateServer;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.TenantSettings;
import io.slotgate.tenant.Tenants;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** Puts one slotgate together from its configuration: the wiring, and nothing else. */
public final class Slotgate implements AutoCloseable {
    private final SlotgateServer server;
    private final Tenants tenants;

    private Slotgate(SlotgateServer server, Tenants tenants) {
        this.server = server;
        this.tenants = tenants;
    }

    public static Slotgate start(SlotgateConfig config, Clock clock) {
        return start(config, clock, settings -> new HttpTransport(settings.calcomUrl(),
                config.upstreamConnectTimeout(), config.upstreamRequestTimeout()));
    }

    public static Slotgate start(SlotgateConfig config, Clock clock, Function<TenantSettings, CalcomTransport> transports) {
        return start(config, clock, Sleeper.system(), transports);
    }

    /** With the given way of waiting: tests and the simulator pass one that follows their virtual clock. */
    public static Slotgate start(SlotgateConfig config, Clock clock, Sleeper sleeper,
                                 Function<TenantSettings, CalcomTransport> transports) {
        Tenants tenants = tenants(config, clock, sleeper, transports);
        SlotgateServer server = SlotgateServer.start(config.host(), config.port(), tenants, clock);
        return new Slotgate(server, tenants);
    }

    public static Tenants tenants(SlotgateConfig config, Clock clock, Sleeper sleeper,
                                  Function<TenantSettings, CalcomTransport> transports) {
        return new Tenants(config.tenants().stream()
                .map(settings -> tenant(config, settings, clock, sleeper, transports.apply(settings)))
                .toList());
    }

    /** One tenant's whole query path, without HTTP in front: for the simulator and the benchmarks too. */
    public static Tenant tenant(SlotgateConfig config, TenantSettings settings, Clock clock, CalcomTransport transport) {
        return tenant(config, settings, clock, Sleeper.system(), transport);
    }

    public static Tenant tenant(SlotgateConfig config, TenantSettings settings, Clock clock, Sleeper sleeper,
                                CalcomTransport transport) {
        CalcomClient client = client(config, settings.calcomApiKey().map(Secret::reveal), clock, sleeper, transport);
        FreshnessPolicy policy = new FreshnessPolicy.Ttl(config.freshWithSlots(), config.freshWhenEmpty());
        GenerationStore generations = new InMemoryGenerations();
        DayBucketCache cache = new DayBucketCache(
                new CaffeineBucketStore(clock, config.l1MaxBuckets(), config.l1RetainFor()),
                () -> policy, generations, clock);
        EventTypeDirectory eventTypes = new EventTypeDirectory(client, clock);
        AvailabilityService availability = new AvailabilityService(settings.id(), client, cache, eventTypes, clock);
        return new Tenant(settings, client, cache, eventTypes, availability);
    }

    /**
     * The Cal.com client of one key, with the upstream discipline of docs/architecture.md. The chain, outermost first:
     * <ol>
     *   <li>bearer (inside {@link CalcomClient}): first, so the rate budget sees whose key a call is made with;</li>
     *   <li>circuit breaker: outside the retries, so it judges a call by its final outcome (a 5xx retried into a 200
     *       is a success) and, while open, fails fast without spending a retry's backoff or a token;</li>
     *   <li>retry: outside the rate budget, so every retry asks for a token like a first try and can never push the
     *       key over Cal.com's limit; a retry the budget refuses (a 429) ends the retrying;</li>
     *   <li>rate budget: last before the transport, so it counts exactly the calls that reach Cal.com and reads
     *       Cal.com's own rate-limit headers on each answer;</li>
     *   <li>transport.</li>
     * </ol>
     * One budget and one breaker per client, that is per tenant: Cal.com counts per key, and one tenant's failing
     * Cal.com must not stop another's.
     */
    public static CalcomClient client(SlotgateConfig config, Optional<String> apiKey, Clock clock, Sleeper sleeper,
                                      CalcomTransport transport) {
        List<CalcomInterceptor> chain = List.of(
                new CircuitBreakerInterceptor(config.circuitBreaker(), clock),
                new RetryInterceptor(config.retry(), sleeper, ThreadLocalRandom.current()),
                new RateBudgetInterceptor(new RateBudget(config.rateBudget(), clock), sleeper, apiKey));
        return new CalcomClient(apiKey, chain, transport);
    }

    public int port() {
        return server.port();
    }

    public Tenants tenants() {
        return tenants;
    }

    @Override
    public void close() {
        server.close();
    }
}
