package io.slotgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.slotgate.cache.TenantId;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The meters of requests to slotgate's own endpoints: counts by tenant, endpoint, event type and outcome; latency. */
final class RequestMeters {
    static final String NONE = "none";

    private final MeterRegistry registry;
    private final LabelCap eventTypes;
    private final Timeline timeline;
    private final Map<Endpoint, Timer> latency = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Timer> percentiles = new EnumMap<>(Endpoint.class);
    private final ConcurrentHashMap<List<String>, Counter> counters = new ConcurrentHashMap<>();

    RequestMeters(MeterRegistry registry, LabelCap eventTypes, Timeline timeline) {
        this.registry = registry;
        this.eventTypes = eventTypes;
        this.timeline = timeline;
        for (Endpoint endpoint : Endpoint.values()) {
            // Prometheus has a family be a histogram or a summary, not both: the buckets (for histogram_quantile
            // over any window and any set of instances) and the client-side percentiles are two meters.
            latency.put(endpoint, Timer.builder("slotgate.request.duration")
                    .description("Time slotgate took to answer a request, by endpoint (histogram)")
                    .tag("endpoint", endpoint.label())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry));
            percentiles.put(endpoint, Timer.builder("slotgate.request.latency")
                    .description("Time slotgate took to answer a request, by endpoint: p50, p95 and p99 computed "
                            + "in process over the last minute or so")
                    .tag("endpoint", endpoint.label())
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .distributionStatisticExpiry(Duration.ofMinutes(1))
                    .distributionStatisticBufferLength(3)
                    .register(registry));
        }
    }

    /** See {@link SlotgateMetrics#request}. */
    void request(Endpoint endpoint, TenantId tenant, OptionalLong eventTypeId, RequestOutcome outcome,
                 Duration took) {
        String tenantLabel = tenant == null ? "unknown" : tenant.value();
        counter(List.of("requests", tenantLabel, endpoint.label(), outcome.label()), () -> Counter.builder("slotgate.requests")
                .description("Requests answered by slotgate, by tenant, endpoint and cache outcome")
                .tags("tenant", tenantLabel, "endpoint", endpoint.label(), "outcome", outcome.label())
                .register(registry)).increment();
        if (endpoint.perEventType()) {
            String eventType = eventTypeId.isPresent() ? eventTypes.label(Long.toString(eventTypeId.getAsLong()))
                    : NONE;
            counter(List.of("event_type", tenantLabel, endpoint.label(), eventType, outcome.label()),
                    () -> Counter.builder("slotgate.event_type.requests")
                            .description("Slots and finder requests by tenant, endpoint, event type (the first "
                                    + SlotgateMetrics.MAX_EVENT_TYPES + " distinct ids, then 'other') and cache outcome")
                            .tags("tenant", tenantLabel, "endpoint", endpoint.label(), "event_type", eventType,
                                    "outcome", outcome.label())
                            .register(registry)).increment();
        }
        latency.get(endpoint).record(took);
        percentiles.get(endpoint).record(took);
        timeline.request(outcome, took);
    }

    /**
     * The counter of one label set, registered once: the request path runs this per request, and building a meter id
     * per request cost a quarter of the hit path's throughput (docs/benchmarks.md).
     */
    private Counter counter(List<String> labels, Supplier<Counter> register) {
        return counters.computeIfAbsent(labels, k -> register.get());
    }
}
