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
import io.slotgate.invalidation.HostMap;
import io.slotgate.invalidation.InMemorySeenWebhooks;
import io.slotgate.invalidation.Invalidation;
import io.slotgate.invalidation.InvalidationCounters;
import io.slotgate.invalidation.Invalidator;
import io.slotgate.invalidation.WebhookIntake;
import io.slotgate.time.Scheduler;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.TenantSettings;
import io.slotgate.tenant.Tenants;

import java.time.Clock;
import java.time.Duration;
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
                .map(settings -> tenant(config, settings, clock, transports.apply(settings), Scheduler.realTime()))
                .toList());
    }

    /** How often every event type's hosts and buffers are fetched again (they change without a webhook). */
    public static final Duration HOST_MAP_REFRESH = Duration.ofMinutes(5);

    /** One tenant's whole query path, without HTTP in front: for the simulator and the benchmarks too. */
    public static Tenant tenant(SlotgateConfig config, TenantSettings settings, Clock clock, CalcomTransport transport) {
        return tenant(config, settings, clock, transport, Scheduler.realTime());
    }

    /**
     * @param scheduler runs host-map refreshes: the periodic one and those of event types first named by a webhook
     *                  (the simulator passes its virtual-time scheduler)
     */
    public static Tenant tenant(SlotgateConfig config, TenantSettings settings, Clock clock, CalcomTransport transport,
                                Scheduler scheduler) {
        CalcomClient client = new CalcomClient(settings.calcomApiKey().map(Secret::reveal), List.of(), transport);
        FreshnessPolicy policy = new FreshnessPolicy.Ttl(config.freshWithSlots(), config.freshWhenEmpty());
        GenerationStore generations = new InMemoryGenerations();
        DayBucketCache cache = new DayBucketCache(
                new CaffeineBucketStore(clock, config.l1MaxBuckets(), config.l1RetainFor()),
                () -> policy, generations, clock);
        EventTypeDirectory eventTypes = new EventTypeDirectory(client, clock);
        AvailabilityService availability = new AvailabilityService(settings.id(), client, cache, eventTypes, clock);
        HostMap hosts = new HostMap(settings.id(), eventTypes::reload, scheduler);
        eventTypes.addListener(hosts::learn);
        hosts.refreshEvery(HOST_MAP_REFRESH);
        InvalidationCounters counters = new InvalidationCounters();
        Invalidator invalidator = new Invalidator(settings.id(), cache::invalidate, hosts, counters, clock);
        WebhookIntake webhooks = new WebhookIntake(settings.id(), settings.webhookSecret(),
                new InMemorySeenWebhooks(clock), invalidator);
        return new Tenant(settings, client, cache, eventTypes, availability,
                new Invalidation(hosts, invalidator, webhooks, counters));
    }

    public int port() {
        return server.port();
    }

    public Tenants tenants() {
        return tenants;
    }

    @Override
    public void close() {
        tenants.all().forEach(tenant -> tenant.invalidation().hosts().stop());
        server.close();
    }
}
