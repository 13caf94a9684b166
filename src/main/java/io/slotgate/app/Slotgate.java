package io.slotgate.app;

import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.EventTypeDirectory;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.FreshnessPolicy;
import io.slotgate.cache.GenerationStore;
import io.slotgate.cache.InMemoryGenerations;
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
        Tenants tenants = tenants(config, clock, transports);
        SlotgateServer server = SlotgateServer.start(config.host(), config.port(), tenants, clock);
        return new Slotgate(server, tenants);
    }

    public static Tenants tenants(SlotgateConfig config, Clock clock, Function<TenantSettings, CalcomTransport> transports) {
        return new Tenants(config.tenants().stream()
                .map(settings -> tenant(config, settings, clock, transports.apply(settings)))
                .toList());
    }

    /** One tenant's whole query path, without HTTP in front: for the simulator and the benchmarks too. */
    public static Tenant tenant(SlotgateConfig config, TenantSettings settings, Clock clock, CalcomTransport transport) {
        CalcomClient client = new CalcomClient(settings.calcomApiKey().map(Secret::reveal), List.of(), transport);
        FreshnessPolicy policy = new FreshnessPolicy.Ttl(config.freshWithSlots(), config.freshWhenEmpty());
        GenerationStore generations = new InMemoryGenerations();
        DayBucketCache cache = new DayBucketCache(
                new CaffeineBucketStore(clock, config.l1MaxBuckets(), config.l1RetainFor()),
                () -> policy, generations, clock);
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

    @Override
    public void close() {
        server.close();
    }
}
