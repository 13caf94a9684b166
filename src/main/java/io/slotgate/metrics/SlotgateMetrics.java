package io.slotgate.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.EventTypeCatalog;
import io.slotgate.availability.LayoutCounts;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.TenantId;
import io.slotgate.cache.redis.RedisTier;
import io.slotgate.calcom.CalcomInterceptor;
import io.slotgate.calcom.CircuitBreakerInterceptor;
import io.slotgate.calcom.RateBudget;
import io.slotgate.invalidation.InvalidationCounters;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * slotgate's meters, one set per process (one per {@link io.slotgate.app.RuntimeServices}), exposed in Prometheus text
 * format by {@link #scrape()} at {@code GET /metrics}, and the {@link Timeline} behind the dashboard. Every meter is
 * listed in docs/metrics.md.
 *
 * <p>It is fed through seams, never by reaching into the code it measures:
 * <ul>
 *   <li>{@link #request}: the HTTP layer, once per request to a slotgate endpoint;</li>
 *   <li>{@link #calcomCalls(TenantId)}: an interceptor the wiring puts last in each Cal.com client's chain;</li>
 *   <li>{@link #bindTenant}: the wiring, once per tenant, registers gauges and function counters over what the
 *       tenant already counts (rate budget, circuit, L1, cache counters, {@link InvalidationCounters});</li>
 *   <li>{@link #bindRedis(RedisTier)}: the wiring, when a shared tier is configured;</li>
 *   <li>{@link #recordVerification(VerificationResult)}: the staleness verifier, once per answer it re-checked.</li>
 * </ul>
 * Other parts may add meters of their own to {@link #registry()}; name them {@code slotgate.*}. Each seam has a class
 * of its own behind this one; this class owns the registry and the timeline they share.
 *
 * <h2>No secrets</h2>
 * Labels hold only tenant ids, event type ids, endpoint names, Cal.com path templates (never a query string), status
 * codes, causes and outcomes. Nothing here ever reads an API key, a webhook secret or the admin token.
 *
 * <h2>Bounded cardinality</h2>
 * Event type ids come from requests: the first {@value #MAX_EVENT_TYPES} distinct ones get their own label value,
 * later ones are counted as {@code other}. Cal.com path templates and counter labels are capped likewise.
 */
public final class SlotgateMetrics {
    /** One cap for requests and Cal.com calls alike, so both count the same ids by name. */
    static final int MAX_EVENT_TYPES = 500;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timeline timeline;
    private final RequestMeters requests;
    private final CalcomMeters calcom;
    private final StalenessRing staleness;
    private final WorstCircuit circuits = new WorstCircuit();
    private final Meters meters = new Meters(registry);
    private final TenantMeters tenants;

    public SlotgateMetrics(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        this.timeline = new Timeline(clock);
        LabelCap eventTypes = new LabelCap(MAX_EVENT_TYPES);
        this.requests = new RequestMeters(registry, eventTypes, timeline);
        this.calcom = new CalcomMeters(registry, eventTypes, timeline);
        this.staleness = new StalenessRing(registry);
        this.tenants = new TenantMeters(meters, clock, circuits, new InvalidationMeters(meters, timeline));
        timeline.budgetFrom(tenants::budgetNow);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Where other parts may register meters of their own (named {@code slotgate.*}). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        timeline.sampleBudget();
        return registry.scrape();
    }

    Timeline timeline() {
        return timeline;
    }

    /** Notes the rate budget in the timeline's current minute; the wiring calls it every few seconds. */
    public void sample() {
        timeline.sampleBudget();
    }

    /**
     * One request to a slotgate endpoint, answered.
     *
     * @param tenant      the tenant it was for; null when it named no configured tenant
     * @param eventTypeId the event type it asked about (slots and finder endpoints), if any
     */
    public void request(Endpoint endpoint, TenantId tenant, OptionalLong eventTypeId, RequestOutcome outcome,
                        Duration took) {
        requests.request(endpoint, tenant, eventTypeId, outcome, took);
    }

    /** The interceptor that counts one tenant's calls to Cal.com: last in its client's chain. */
    public CalcomInterceptor calcomCalls(TenantId tenant) {
        return calcom.interceptor(tenant);
    }

    /**
     * Registers one tenant's gauges and function counters: its rate budget and circuit (found in the client's chain),
     * its L1 (size and Caffeine's evictions), its cache counters and its invalidation counters.
     */
    public void bindTenant(TenantId tenant, RateBudget budget, CircuitBreakerInterceptor breaker,
                           DayBucketCache cache, CaffeineBucketStore l1, InvalidationCounters invalidations,
                           LayoutCounts layouts) {
        tenants.bindTenant(tenant, budget, breaker, cache, l1, invalidations, layouts);
    }

    /** The tenant's event-type catalog: queries refused without a call, discoveries, event types known. */
    public void bindCatalog(TenantId tenant, EventTypeCatalog catalog) {
        tenants.bindCatalog(tenant, catalog);
    }

    /** The tenant's kept renderings: how many answers were served from one, how many laid out anew, what they weigh. */
    public void bindRenderings(TenantId tenant, AvailabilityService availability) {
        tenants.bindRenderings(tenant, availability);
    }

    /** The shared tier's figures (one tier per process). */
    public void bindRedis(RedisTier redis) {
        RedisMeters.bind(meters, redis);
    }

    /** One served answer re-checked against Cal.com (the staleness verifier calls this). */
    public void recordVerification(VerificationResult result) {
        staleness.record(result);
    }

    /** The rate budgets and catalogs bound, for the dashboard. */
    List<RateBudget> budgets() {
        return tenants.budgets();
    }

    List<EventTypeCatalog> catalogs() {
        return tenants.catalogs();
    }

    /** The worst state among the tenants' Cal.com circuits (OPEN before HALF_OPEN before CLOSED). */
    CircuitBreakerInterceptor.State worstCircuit() {
        return circuits.state();
    }
}
