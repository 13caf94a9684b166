package io.slotgate.metrics;

import io.micrometer.core.instrument.Tags;
import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.EventTypeCatalog;
import io.slotgate.availability.LayoutCounts;
import io.slotgate.cache.CacheCounters;
import io.slotgate.cache.CaffeineBucketStore;
import io.slotgate.cache.DayBucketCache;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CircuitBreakerInterceptor;
import io.slotgate.calcom.ClientShares;
import io.slotgate.calcom.Priority;
import io.slotgate.calcom.RateBudget;
import io.slotgate.invalidation.InvalidationCounters;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Gauges and function counters over what each tenant already counts: its rate budget and circuit, its L1 and cache
 * counters, its catalog, its kept renderings and its invalidation counters. Keeps the budgets and catalogs for the
 * dashboard and the timeline, which sum them over the tenants.
 */
final class TenantMeters {
    private final Meters meters;
    private final Clock clock;
    private final WorstCircuit circuits;
    private final InvalidationMeters invalidations;
    private final List<RateBudget> budgets = new CopyOnWriteArrayList<>();
    private final List<EventTypeCatalog> catalogs = new CopyOnWriteArrayList<>();

    TenantMeters(Meters meters, Clock clock, WorstCircuit circuits, InvalidationMeters invalidations) {
        this.meters = meters;
        this.clock = clock;
        this.circuits = circuits;
        this.invalidations = invalidations;
    }

    /** See {@link SlotgateMetrics#bindTenant}. */
    void bindTenant(TenantId tenant, RateBudget budget, CircuitBreakerInterceptor breaker, DayBucketCache cache,
                    CaffeineBucketStore l1, InvalidationCounters invalidationCounters, LayoutCounts layouts) {
        Tags tags = Tags.of("tenant", tenant.value());
        budgets.add(budget);
        meters.gauge("slotgate.rate_budget.tokens", tags,
                "Calls the rate budget's window has room for now (shared by every instance on one Redis)",
                () -> budget.snapshot().free());
        meters.gauge("slotgate.rate_budget.capacity", tags,
                "Most calls the rate budget lets out in any 62 s window (Cal.com's limit less the margin)",
                () -> budget.snapshot().capacity());
        meters.gauge("slotgate.rate_budget.per_minute", tags,
                "Most calls the rate budget lets out in any 62 s window (the same as capacity; kept for dashboards)",
                () -> budget.snapshot().capacity());
        meters.gauge("slotgate.rate_budget.waiting", tags, "Users waiting for a call of the rate budget",
                () -> budget.snapshot().waiting());
        meters.gauge("slotgate.rate_budget.blocked", tags,
                "1 while Cal.com blocks the API key (after a 429), else 0",
                () -> budget.snapshot().blockedUntil().isPresent() ? 1 : 0);
        meters.functionCounter("slotgate.rate_budget.granted", tags, "Calls the rate budget let through", budget,
                b -> b.snapshot().callsMade());
        for (Priority priority : Priority.values()) {
            meters.functionCounter("slotgate.rate_budget.granted_by_priority",
                    tags.and("priority", priority.name().toLowerCase(Locale.ROOT)),
                    "Calls the rate budget let through, by priority", budget,
                    b -> b.snapshot().granted().getOrDefault(priority, 0L));
        }
        meters.gauge("slotgate.fair_share.share", tags,
                "Misses one client may ask for in a window before it is held behind everyone else's",
                budget::clientShare);
        meters.gauge("slotgate.fair_share.clients", tags, "Clients with a miss counting in the window",
                () -> budget.shares().active(clock.instant(), RateBudget.WINDOW));
        for (int bucket = 0; bucket < ClientShares.BUCKETS; bucket++) {
            int b = bucket;
            meters.functionCounter("slotgate.fair_share.held", tags.and("client_bucket", Integer.toString(bucket)),
                    "Misses held behind everyone else's because their client had asked for its share, by a "
                            + "hashed bucket of the client (16 values, never a client's name)", budget,
                    x -> x.shares().heldInBucket(b));
        }
        for (Priority priority : Priority.values()) {
            meters.functionCounter("slotgate.rate_budget.refused",
                    tags.and("priority", priority.name().toLowerCase(Locale.ROOT)),
                    "Calls the rate budget refused (answered with slotgate's own 429), by priority", budget,
                    b -> b.snapshot().refused().getOrDefault(priority, 0L));
        }
        circuits.add(breaker);
        meters.gauge("slotgate.circuit.state", tags, "Cal.com circuit breaker: 0 closed, 1 half-open, 2 open",
                () -> WorstCircuit.severity(breaker.state()));
        meters.gauge("slotgate.cache.buckets", tags, "Day buckets this process holds for the tenant (L1)", cache::size);
        if (l1 != null) {
            meters.gauge("slotgate.l1.size", tags, "Entries in the in-process tier (Caffeine's estimate)", l1::size);
            meters.functionCounter("slotgate.l1.evictions", tags, "Entries Caffeine evicted from L1 (size or retention)",
                    l1, store -> store.stats().evictionCount());
        }
        CacheCounters counters = cache.counters();
        String days = "Days served by the cache, by state: fresh, stale, or fetched from Cal.com";
        meters.functionCounter("slotgate.cache.days", tags.and("state", "fresh"), days, counters,
                CacheCounters::freshDays);
        meters.functionCounter("slotgate.cache.days", tags.and("state", "stale"), days, counters,
                CacheCounters::staleDays);
        meters.functionCounter("slotgate.cache.days", tags.and("state", "fetched"), days, counters,
                CacheCounters::fetchedDays);
        for (Priority priority : Priority.values()) {
            String p = priority.name().toLowerCase(Locale.ROOT);
            String fills = "Fills (one Cal.com slots call each), by priority and result";
            meters.functionCounter("slotgate.cache.fills", tags.and("priority", p, "result", "ok"), fills, counters,
                    c -> c.fills(priority));
            meters.functionCounter("slotgate.cache.fills", tags.and("priority", p, "result", "failed"), fills,
                    counters, c -> c.failedFills(priority));
        }
        for (LayoutCounts.Layout layout : LayoutCounts.Layout.values()) {
            meters.functionCounter("slotgate.answers.layout",
                    tags.and("layout", layout.name().toLowerCase(Locale.ROOT)),
                    "Answers composed from day buckets, by how they were laid out: exactly from the cached days, by "
                            + "Cal.com (asked from calls to spare), conservatively (may leave slots out), or as cached "
                            + "(event type not described)", layouts, l -> l.get(layout));
        }
        invalidations.bind(tenant, invalidationCounters);
    }

    /** See {@link SlotgateMetrics#bindCatalog}. */
    void bindCatalog(TenantId tenant, EventTypeCatalog catalog) {
        catalogs.add(catalog);
        Tags tags = Tags.of("tenant", tenant.value());
        String refused = "Slots queries answered without a call because the catalog does not know the id: unknown "
                + "(Cal.com's 404) or unsure (no discovery left in the window: 503)";
        meters.functionCounter("slotgate.catalog.refused", tags.and("reason", "unknown"), refused, catalog,
                c -> c.snapshot().refusedUnknown());
        meters.functionCounter("slotgate.catalog.refused", tags.and("reason", "unsure"), refused, catalog,
                c -> c.snapshot().refusedUnsure());
        meters.functionCounter("slotgate.catalog.discoveries", tags, "Lookups of ids the catalog did not list "
                + "(GET /v2/event-types/{id})", catalog, c -> c.snapshot().discoveryLookups());
        meters.functionCounter("slotgate.catalog.list_calls", tags, "Cal.com list calls made to load the catalog",
                catalog, c -> c.snapshot().listCalls());
        String known = "Event types the catalog knows, by source: listed by Cal.com's lists, discovered by a lookup, or "
                + "admitted provisionally while their host's list is still to be read";
        meters.gauge("slotgate.catalog.event_types", tags.and("source", "listed"), known,
                () -> catalog.snapshot().listed());
        meters.gauge("slotgate.catalog.event_types", tags.and("source", "discovered"), known,
                () -> catalog.snapshot().discovered());
        meters.gauge("slotgate.catalog.event_types", tags.and("source", "provisional"), known,
                () -> catalog.snapshot().provisional());
    }

    /** See {@link SlotgateMetrics#bindRenderings}. */
    void bindRenderings(TenantId tenant, AvailabilityService availability) {
        Tags tags = Tags.of("tenant", tenant.value());
        String answers = "Slots answers from day buckets, by whether a kept rendering was served (reused) or the "
                + "answer was laid out and rendered anew (rendered)";
        meters.functionCounter("slotgate.answers.rendering", tags.and("result", "reused"), answers, availability,
                a -> a.renderingStats().reused());
        meters.functionCounter("slotgate.answers.rendering", tags.and("result", "rendered"), answers, availability,
                a -> a.renderingStats().rendered());
        meters.gauge("slotgate.answers.kept", tags, "Rendered answers kept for the hit path",
                () -> availability.renderingStats().kept());
        meters.gauge("slotgate.answers.kept.bytes", tags,
                "What the kept renderings weigh, as counted against their bound "
                + "(bodies, gzip bodies, tags and a fixed overhead per answer)",
                () -> availability.renderingStats().keptBytes());
    }

    List<RateBudget> budgets() {
        return List.copyOf(budgets);
    }

    List<EventTypeCatalog> catalogs() {
        return List.copyOf(catalogs);
    }

    /** The budgets summed over the tenants, for the timeline. */
    Timeline.Budget budgetNow() {
        int perMinute = 0;
        double tokens = 0;
        for (RateBudget budget : budgets) {
            RateBudget.Snapshot snapshot = budget.snapshot();
            perMinute += snapshot.capacity();
            tokens += snapshot.free();
        }
        return new Timeline.Budget(perMinute, tokens);
    }
}
