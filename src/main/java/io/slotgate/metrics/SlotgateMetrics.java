package io.slotgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.slotgate.availability.LayoutCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slotgate.cache.CacheCounters;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.TenantId;
import io.slotgate.cache.redis.RedisStats;
import io.slotgate.cache.redis.RedisTier;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomInterceptor;
import io.slotgate.calcom.CircuitBreakerInterceptor;
import io.slotgate.calcom.Priority;
import io.slotgate.calcom.RateBudget;
import io.slotgate.calcom.ClientShares;
import io.slotgate.availability.EventTypeCatalog;
import io.slotgate.calcom.RateBudgetInterceptor;
import io.slotgate.invalidation.InvalidationCounters;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * slotgate's meters, one set per process (one per {@link io.slotgate.app.Runtime}), exposed in Prometheus text
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
 * Other parts may add meters of their own to {@link #registry()}; name them {@code slotgate.*}.
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
    public static final int MAX_EVENT_TYPES = 500;
    static final int MAX_CALCOM_PATHS = 100;
    static final int MAX_COUNTER_LABELS = 200;
    static final int STALENESS_WINDOW = 200;
    static final String NONE = "none";
    private static final Duration REDIS_STATS_MAX_AGE = Duration.ofSeconds(1);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timeline timeline;
    private final LabelCap eventTypes = new LabelCap(MAX_EVENT_TYPES);
    private final LabelCap calcomPaths = new LabelCap(MAX_CALCOM_PATHS);
    private final LabelCap counterLabels = new LabelCap(MAX_COUNTER_LABELS);
    private final Map<Endpoint, Timer> latency = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Timer> percentiles = new EnumMap<>(Endpoint.class);
    private final Map<VerificationResult, Counter> verifications = new EnumMap<>(VerificationResult.class);
    private final List<RateBudget> budgets = new CopyOnWriteArrayList<>();
    private final List<EventTypeCatalog> catalogs = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final List<CircuitBreakerInterceptor> circuits = new CopyOnWriteArrayList<>();
    /** Function counters over InvalidationCounters: meter identity -> the counter names it adds up. */
    private final Map<String, Set<String>> counterSources = new ConcurrentHashMap<>();
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final boolean[] stalenessWindow = new boolean[STALENESS_WINDOW];
    private int stalenessSeen;

    public SlotgateMetrics(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        this.clock = clock;
        this.timeline = new Timeline(clock);
        timeline.budgetFrom(this::budgetNow);
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
        for (VerificationResult result : VerificationResult.values()) {
            verifications.put(result, Counter.builder("slotgate.staleness.verified")
                    .description("Served answers re-checked against Cal.com, by what the check found")
                    .tag("result", result.label())
                    .register(registry));
        }
        Gauge.builder("slotgate.staleness.sample", this::stalenessShare)
                .description("Share of the last " + STALENESS_WINDOW
                        + " re-checked answers that were stale (false available or unavailable); NaN before any")
                .register(registry);
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

    public Timeline timeline() {
        return timeline;
    }


    /** Notes the rate budget in the timeline's current minute; the wiring calls it every few seconds. */
    public void sample() {
        timeline.sampleBudget();
    }

    // ---------------------------------------------------------------- requests to slotgate

    /**
     * One request to a slotgate endpoint, answered.
     *
     * @param tenant      the tenant it was for; null when it named no configured tenant
     * @param eventTypeId the event type it asked about (slots and finder endpoints), if any
     */
    public void request(Endpoint endpoint, TenantId tenant, OptionalLong eventTypeId, RequestOutcome outcome,
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
                                    + MAX_EVENT_TYPES + " distinct ids, then 'other') and cache outcome")
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

    private final ConcurrentHashMap<List<String>, Counter> counters =
            new ConcurrentHashMap<>();

    // ---------------------------------------------------------------- Cal.com

    /** The interceptor that counts one tenant's calls to Cal.com: last in its client's chain. */
    public CalcomInterceptor calcomCalls(TenantId tenant) {
        Counter.builder("slotgate.calcom.rate_limited")
                .description("429 answers Cal.com sent (not those slotgate's own rate budget made up)")
                .tag("tenant", tenant.value()).register(registry);
        return new CalcomCallCounter(this, tenant);
    }

    void calcomCall(TenantId tenant, String pathAndQuery, String status, long nanos) {
        String endpoint = calcomPaths.label(CalcomPaths.template(pathAndQuery));
        Counter.builder("slotgate.calcom.calls")
                .description("Calls that reached Cal.com, by tenant, path template and HTTP status ('error': no answer)")
                .tags("tenant", tenant.value(), "endpoint", endpoint, "status", status)
                .register(registry).increment();
        Timer.builder("slotgate.calcom.call.duration")
                .description("Time Cal.com took to answer, by path template")
                .tag("endpoint", endpoint)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (status.equals("429")) {
            Counter.builder("slotgate.calcom.rate_limited").tag("tenant", tenant.value()).register(registry)
                    .increment();
        }
        OptionalLong eventType = CalcomPaths.eventTypeId(pathAndQuery);
        if (eventType.isPresent()) {
            Counter.builder("slotgate.calcom.event_type.calls")
                    .description("Calls to Cal.com about one event type (slots, event type reads); per day: "
                            + "increase(...[1d])")
                    .tags("tenant", tenant.value(), "event_type", eventTypes.label(Long.toString(eventType.getAsLong())))
                    .register(registry).increment();
        }
        timeline.calcomCall();
    }

    // ---------------------------------------------------------------- what tenants count already

    /**
     * Registers one tenant's gauges and function counters: its rate budget and circuit (found in the client's chain),
     * its L1 (size and Caffeine's evictions), its cache counters and its invalidation counters.
     */
    public void bindTenant(TenantId tenant, CalcomClient client, DayBucketCache cache, CaffeineBucketStore l1,
                           InvalidationCounters invalidations, LayoutCounts layouts) {
        Tags tags = Tags.of("tenant", tenant.value());
        client.interceptor(RateBudgetInterceptor.class).map(RateBudgetInterceptor::budget).ifPresent(budget -> {
            budgets.add(budget);
            gauge("slotgate.rate_budget.tokens", tags, "Calls the rate budget's window has room for now (shared by "
                    + "every instance on one Redis)", () -> budget.snapshot().free());
            gauge("slotgate.rate_budget.capacity", tags, "Most calls the rate budget lets out in any 62 s window "
                    + "(Cal.com's limit less the margin)", () -> budget.snapshot().capacity());
            gauge("slotgate.rate_budget.per_minute", tags, "Most calls the rate budget lets out in any 62 s window "
                    + "(the same as capacity; kept for dashboards)", () -> budget.snapshot().capacity());
            gauge("slotgate.rate_budget.waiting", tags, "Users waiting for a call of the rate budget",
                    () -> budget.snapshot().waiting());
            gauge("slotgate.rate_budget.blocked", tags, "1 while Cal.com blocks the API key (after a 429), else 0",
                    () -> budget.snapshot().blockedUntil().isPresent() ? 1 : 0);
            functionCounter("slotgate.rate_budget.granted", tags, "Calls the rate budget let through", budget,
                    b -> b.snapshot().callsMade());
            for (Priority priority : Priority.values()) {
                functionCounter("slotgate.rate_budget.granted_by_priority",
                        tags.and("priority", priority.name().toLowerCase(Locale.ROOT)),
                        "Calls the rate budget let through, by priority", budget,
                        b -> b.snapshot().granted().getOrDefault(priority, 0L));
            }
            gauge("slotgate.fair_share.share", tags, "Misses one client may ask for in a window before it is held "
                    + "behind everyone else's", budget::clientShare);
            gauge("slotgate.fair_share.clients", tags, "Clients with a miss counting in the window",
                    () -> budget.shares().active(clock.instant(), RateBudget.WINDOW));
            for (int bucket = 0; bucket < ClientShares.BUCKETS; bucket++) {
                int b = bucket;
                functionCounter("slotgate.fair_share.held", tags.and("client_bucket", Integer.toString(bucket)),
                        "Misses held behind everyone else's because their client had asked for its share, by a "
                                + "hashed bucket of the client (16 values, never a client's name)", budget,
                        x -> x.shares().heldInBucket(b));
            }
            for (Priority priority : Priority.values()) {
                functionCounter("slotgate.rate_budget.refused",
                        tags.and("priority", priority.name().toLowerCase(Locale.ROOT)),
                        "Calls the rate budget refused (answered with slotgate's own 429), by priority", budget,
                        b -> b.snapshot().refused().getOrDefault(priority, 0L));
            }
        });
        client.interceptor(CircuitBreakerInterceptor.class).ifPresent(breaker -> circuits.add(breaker));
        client.interceptor(CircuitBreakerInterceptor.class).ifPresent(breaker ->
                gauge("slotgate.circuit.state", tags, "Cal.com circuit breaker: 0 closed, 1 half-open, 2 open",
                        () -> severity(breaker.state())));
        gauge("slotgate.cache.buckets", tags, "Day buckets this process holds for the tenant (L1)", cache::size);
        if (l1 != null) {
            gauge("slotgate.l1.size", tags, "Entries in the in-process tier (Caffeine's estimate)", l1::size);
            functionCounter("slotgate.l1.evictions", tags, "Entries Caffeine evicted from L1 (size or retention)",
                    l1, store -> store.stats().evictionCount());
        }
        CacheCounters counters = cache.counters();
        String days = "Days served by the cache, by state: fresh, stale, or fetched from Cal.com";
        functionCounter("slotgate.cache.days", tags.and("state", "fresh"), days, counters, CacheCounters::freshDays);
        functionCounter("slotgate.cache.days", tags.and("state", "stale"), days, counters, CacheCounters::staleDays);
        functionCounter("slotgate.cache.days", tags.and("state", "fetched"), days, counters,
                CacheCounters::fetchedDays);
        for (Priority priority : Priority.values()) {
            String p = priority.name().toLowerCase(Locale.ROOT);
            String fills = "Fills (one Cal.com slots call each), by priority and result";
            functionCounter("slotgate.cache.fills", tags.and("priority", p, "result", "ok"), fills, counters,
                    c -> c.fills(priority));
            functionCounter("slotgate.cache.fills", tags.and("priority", p, "result", "failed"), fills, counters,
                    c -> c.failedFills(priority));
        }
        for (LayoutCounts.Layout layout : LayoutCounts.Layout.values()) {
            functionCounter("slotgate.answers.layout", tags.and("layout", layout.name().toLowerCase(Locale.ROOT)),
                    "Answers composed from day buckets, by how they were laid out: exactly from the cached days, by "
                            + "Cal.com (asked from calls to spare), conservatively (may leave slots out), or as cached "
                            + "(event type not described)", layouts, l -> l.get(layout));
        }
        bindInvalidations(tenant, invalidations);
    }

    /** The tenant's event-type catalog: queries refused without a call, discoveries, event types known. */
    public void bindCatalog(TenantId tenant, EventTypeCatalog catalog) {
        catalogs.add(catalog);
        Tags tags = Tags.of("tenant", tenant.value());
        String refused = "Slots queries answered without a call because the catalog does not know the id: unknown "
                + "(Cal.com's 404) or unsure (no discovery left in the window: 503)";
        functionCounter("slotgate.catalog.refused", tags.and("reason", "unknown"), refused, catalog,
                c -> c.snapshot().refusedUnknown());
        functionCounter("slotgate.catalog.refused", tags.and("reason", "unsure"), refused, catalog,
                c -> c.snapshot().refusedUnsure());
        functionCounter("slotgate.catalog.discoveries", tags, "Lookups of ids the catalog did not list "
                + "(GET /v2/event-types/{id})", catalog, c -> c.snapshot().discoveryLookups());
        functionCounter("slotgate.catalog.list_calls", tags, "Cal.com list calls made to load the catalog", catalog,
                c -> c.snapshot().listCalls());
        gauge("slotgate.catalog.event_types", tags.and("source", "listed"), "Event types the catalog knows, by "
                + "source: listed by Cal.com's lists, or discovered by a lookup", () -> catalog.snapshot().listed());
        gauge("slotgate.catalog.event_types", tags.and("source", "discovered"), "Event types the catalog knows, by "
                + "source: listed by Cal.com's lists, or discovered by a lookup", () -> catalog.snapshot().discovered());
    }

    /** The rate budgets and catalogs bound, for the dashboard. */
    List<RateBudget> budgets() {
        return List.copyOf(budgets);
    }

    List<EventTypeCatalog> catalogs() {
        return List.copyOf(catalogs);
    }

    /** The tenant's kept renderings: how many answers were served from one, how many laid out anew, what they weigh. */
    public void bindRenderings(TenantId tenant, io.slotgate.availability.AvailabilityService availability) {
        Tags tags = Tags.of("tenant", tenant.value());
        String answers = "Slots answers from day buckets, by whether a kept rendering was served (reused) or the answer "
                + "was laid out and rendered anew (rendered)";
        functionCounter("slotgate.answers.rendering", tags.and("result", "reused"), answers, availability,
                a -> a.renderingStats().reused());
        functionCounter("slotgate.answers.rendering", tags.and("result", "rendered"), answers, availability,
                a -> a.renderingStats().rendered());
        gauge("slotgate.answers.kept", tags, "Rendered answers kept for the hit path",
                () -> availability.renderingStats().kept());
        gauge("slotgate.answers.kept.bytes", tags, "What the kept renderings weigh, as counted against their bound "
                + "(bodies, gzip bodies, tags and a fixed overhead per answer)",
                () -> availability.renderingStats().keptBytes());
    }

    private void bindInvalidations(TenantId tenant, InvalidationCounters counters) {
        Tags tags = Tags.of("tenant", tenant.value());
        functionCounter("slotgate.webhook.signature_failures", tags,
                "Webhooks refused because their signature did not verify", counters, c -> c.webhooks("unauthorized"));
        functionCounter("slotgate.webhook.duplicates", tags, "Webhooks received again (idempotently ignored)",
                counters, c -> c.webhooks("duplicate"));
        watch(tenant, counters, InvalidationCounters.STALENESS_INCIDENTS);
        watch(tenant, counters, InvalidationCounters.GENERATIONS_BUMPED);
        watch(tenant, counters, InvalidationCounters.FAILURES);
        counters.addListener((name, amount) -> {
            watch(tenant, counters, name);
            if (name.startsWith(INVALIDATIONS)) {
                timeline.invalidations(amount);
            }
        });
        counters.snapshot().keySet().forEach(name -> watch(tenant, counters, name));
    }

    private static final String INVALIDATIONS = "invalidations:";
    private static final String WEBHOOKS = "webhooks:";

    /** Makes sure the counter name has its function counter (the first time a name is seen). */
    private void watch(TenantId tenant, InvalidationCounters counters, String name) {
        if (!watched.add(tenant.value() + '\u0000' + name)) {
            return;
        }
        String meter;
        Tags tags = Tags.of("tenant", tenant.value());
        String description;
        if (name.startsWith(INVALIDATIONS)) {
            meter = "slotgate.invalidations";
            tags = tags.and("cause", counterLabels.label(name.substring(INVALIDATIONS.length())));
            description = "Invalidation requests, by cause (webhook:{trigger}, slotgate-booking, slot-taken, admin...)";
        } else if (name.startsWith(WEBHOOKS)) {
            meter = "slotgate.webhooks";
            tags = tags.and("outcome", counterLabels.label(name.substring(WEBHOOKS.length())));
            description = "Webhooks received, by outcome (accepted, duplicate, ignored, unauthorized...)";
        } else if (name.equals(InvalidationCounters.STALENESS_INCIDENTS)) {
            meter = "slotgate.staleness.incidents";
            description = "Bookings through slotgate refused because the slot was taken: slotgate had offered it";
        } else if (name.equals(InvalidationCounters.GENERATIONS_BUMPED)) {
            meter = "slotgate.generations.bumped";
            description = "(event type, day) generations incremented by invalidations";
        } else if (name.equals(InvalidationCounters.FAILURES)) {
            meter = "slotgate.invalidation.failures";
            description = "Invalidations that failed (logged; the others went on)";
        } else {
            meter = "slotgate.invalidation.events";
            tags = tags.and("name", counterLabels.label(name));
            description = "Other invalidation counters, by name";
        }
        String identity = meter + tags;
        String meterName = meter;
        Tags meterTags = tags;
        String help = description;
        Set<String> names = counterSources.computeIfAbsent(identity, id -> {
            Set<String> sources = ConcurrentHashMap.newKeySet();
            FunctionCounter.builder(meterName, sources, s -> s.stream().mapToLong(counters::get).sum())
                    .description(help).tags(meterTags).register(registry);
            return sources;
        });
        names.add(name);
    }

    /** The shared tier's figures (one tier per process), read at most once a second however many meters ask. */
    public void bindRedis(RedisTier redis) {
        Supplier<RedisStats> stats = memoized(redis::stats, REDIS_STATS_MAX_AGE);
        gauge("slotgate.l2.available", Tags.empty(), "1 while this process trusts the shared tier (Redis), else 0",
                () -> stats.get().available() ? 1 : 0);
        gauge("slotgate.l2.buckets", Tags.empty(), "Day-bucket keys in Redis (-1 when Redis cannot be asked)",
                () -> stats.get().l2Buckets());
        gauge("slotgate.l2.pending_invalidations", Tags.empty(), "Invalidations waiting for Redis to come back",
                () -> stats.get().pendingInvalidations());
        functionCounter("slotgate.l2.hits", Tags.empty(), "Days found in Redis after an L1 miss", stats,
                s -> s.get().l2Hits());
        functionCounter("slotgate.l2.misses", Tags.empty(), "Days not found in Redis either", stats,
                s -> s.get().l2Misses());
        functionCounter("slotgate.l2.writes", Tags.empty(), "Conditional writes to Redis made, by result",
                stats, s -> s.get().l2Writes());
        functionCounter("slotgate.l2.writes_refused", Tags.empty(),
                "Conditional writes to Redis refused because the generation had moved", stats,
                s -> s.get().l2WritesRefused());
        functionCounter("slotgate.l2.errors", Tags.empty(), "Redis errors", stats, s -> s.get().redisErrors());
        functionCounter("slotgate.l2.l1_drops", Tags.empty(),
                "Times this process dropped its L1 because it may have missed invalidations", stats,
                s -> s.get().l1Drops());
        functionCounter("slotgate.l2.invalidations_received", Tags.empty(),
                "Invalidations received from other instances over pub/sub", stats,
                s -> s.get().invalidationsReceived());
        functionCounter("slotgate.l2.lease_waits", Tags.empty(), "Days awaited from another instance's fill", stats,
                s -> s.get().leaseWaits());
    }

    // ---------------------------------------------------------------- staleness verification

    /** One served answer re-checked against Cal.com (the staleness verifier calls this). */
    public void recordVerification(VerificationResult result) {
        verifications.get(result).increment();
        synchronized (stalenessWindow) {
            stalenessWindow[stalenessSeen % STALENESS_WINDOW] = result != VerificationResult.OK;
            stalenessSeen++;
        }
    }

    private double stalenessShare() {
        synchronized (stalenessWindow) {
            int n = Math.min(stalenessSeen, STALENESS_WINDOW);
            if (n == 0) {
                return Double.NaN;
            }
            int stale = 0;
            for (int i = 0; i < n; i++) {
                stale += stalenessWindow[i] ? 1 : 0;
            }
            return (double) stale / n;
        }
    }

    /** The worst state among the tenants' Cal.com circuits (OPEN before HALF_OPEN before CLOSED). */
    public CircuitBreakerInterceptor.State worstCircuit() {
        CircuitBreakerInterceptor.State worst = CircuitBreakerInterceptor.State.CLOSED;
        for (CircuitBreakerInterceptor breaker : circuits) {
            CircuitBreakerInterceptor.State state = breaker.state();
            if (severity(state) > severity(worst)) {
                worst = state;
            }
        }
        return worst;
    }

    private static int severity(CircuitBreakerInterceptor.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    // ---------------------------------------------------------------- internals

    private Timeline.Budget budgetNow() {
        int perMinute = 0;
        double tokens = 0;
        for (RateBudget budget : budgets) {
            RateBudget.Snapshot snapshot = budget.snapshot();
            perMinute += snapshot.capacity();
            tokens += snapshot.free();
        }
        return new Timeline.Budget(perMinute, tokens);
    }

    private void gauge(String name, Tags tags, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).tags(tags).strongReference(true).register(registry);
    }

    private <T> void functionCounter(String name, Tags tags, String description, T source, ToDoubleFunction<T> count) {
        FunctionCounter.Builder<T> builder = FunctionCounter.builder(name, source, count).tags(tags);
        builder.description(description).register(registry);
        retained.add(source);
    }

    /** Function counters hold their source weakly: these are the sources nobody else holds (a memoized supplier). */
    private final List<Object> retained = new CopyOnWriteArrayList<>();

    private static <T> Supplier<T> memoized(Supplier<T> source, Duration maxAge) {
        return new Supplier<>() {
            private T value;
            private long readAt;

            @Override
            public synchronized T get() {
                long now = System.nanoTime();
                if (value == null || now - readAt > maxAge.toNanos()) {
                    value = source.get();
                    readAt = now;
                }
                return value;
            }
        };
    }
}
