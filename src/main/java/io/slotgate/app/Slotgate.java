package io.slotgate.app;

import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.EventTypeDirectory;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.FreshnessPolicy;
import io.slotgate.cache.Generations;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.HttpTransport;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.http.SlotgateServer;

import java.time.Clock;
import java.util.List;

/** Puts one slotgate together from its configuration: the wiring, and nothing else. */
public final class Slotgate implements AutoCloseable {
    private final SlotgateServer server;
    private final AvailabilityService availability;

    private Slotgate(SlotgateServer server, AvailabilityService availability) {
        this.server = server;
        this.availability = availability;
    }

    public static Slotgate start(SlotgateConfig config, Clock clock) {
        CalcomTransport transport = new HttpTransport(config.calcomUrl(), config.upstreamConnectTimeout(),
                config.upstreamRequestTimeout());
        return start(config, clock, transport);
    }

    public static Slotgate start(SlotgateConfig config, Clock clock, CalcomTransport transport) {
        AvailabilityService availability = availability(config, clock, transport);
        SlotgateServer server = SlotgateServer.start(config.host(), config.port(), availability, clock);
        return new Slotgate(server, availability);
    }

    /** The whole query path without HTTP in front: for the simulator and the benchmarks. */
    public static AvailabilityService availability(SlotgateConfig config, Clock clock, CalcomTransport transport) {
        CalcomClient client = new CalcomClient(config.calcomApiKey().map(Secret::reveal), List.of(), transport);
        FreshnessPolicy policy = new FreshnessPolicy.Ttl(config.freshWithSlots(), config.freshWhenEmpty());
        DayBucketCache cache = new DayBucketCache(
                new CaffeineBucketStore(clock, config.l1MaxBuckets(), config.l1RetainFor()),
                () -> policy, new Generations(), clock);
        return new AvailabilityService(TenantId.DEFAULT, client, cache, new EventTypeDirectory(client, clock), clock);
    }

    public int port() {
        return server.port();
    }

    public AvailabilityService availability() {
        return availability;
    }

    @Override
    public void close() {
        server.close();
    }
}
