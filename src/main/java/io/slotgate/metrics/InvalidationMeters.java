package io.slotgate.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.slotgate.cache.TenantId;
import io.slotgate.invalidation.InvalidationCounters;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Function counters over each tenant's {@link InvalidationCounters}, named by {@link InvalidationMeter}. Counter
 * names appear as webhooks arrive, so each gets its meter the first time it is seen; names whose labels the cap folds
 * into {@code other} share one meter, which adds them up.
 */
final class InvalidationMeters {
    static final int MAX_COUNTER_LABELS = 200;

    private final Meters meters;
    private final Timeline timeline;
    private final LabelCap counterLabels = new LabelCap(MAX_COUNTER_LABELS);
    /** Meter identity -> the counter names it adds up. */
    private final Map<String, Set<String>> counterSources = new ConcurrentHashMap<>();
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    InvalidationMeters(Meters meters, Timeline timeline) {
        this.meters = meters;
        this.timeline = timeline;
    }

    void bind(TenantId tenant, InvalidationCounters counters) {
        Tags tags = Tags.of("tenant", tenant.value());
        meters.functionCounter("slotgate.webhook.signature_failures", tags,
                "Webhooks refused because their signature did not verify", counters, c -> c.webhooks("unauthorized"));
        meters.functionCounter("slotgate.webhook.duplicates", tags, "Webhooks received again (idempotently ignored)",
                counters, c -> c.webhooks("duplicate"));
        watch(tenant, counters, InvalidationCounters.STALENESS_INCIDENTS);
        watch(tenant, counters, InvalidationCounters.GENERATIONS_BUMPED);
        watch(tenant, counters, InvalidationCounters.FAILURES);
        counters.addListener((name, amount) -> {
            watch(tenant, counters, name);
            if (InvalidationMeter.INVALIDATIONS.matches(name)) {
                timeline.invalidations(amount);
            }
        });
        counters.snapshot().keySet().forEach(name -> watch(tenant, counters, name));
    }

    /** Makes sure the counter name has its function counter (the first time a name is seen). */
    private void watch(TenantId tenant, InvalidationCounters counters, String name) {
        if (!watched.add(tenant.value() + '\u0000' + name)) {
            return;
        }
        InvalidationMeter meter = InvalidationMeter.of(name);
        Tags tags = meter.tags(Tags.of("tenant", tenant.value()), name, counterLabels);
        Set<String> names = counterSources.computeIfAbsent(meter.meter() + tags, id -> {
            Set<String> sources = ConcurrentHashMap.newKeySet();
            FunctionCounter.builder(meter.meter(), sources, s -> s.stream().mapToLong(counters::get).sum())
                    .description(meter.description()).tags(tags).register(meters.registry);
            return sources;
        });
        names.add(name);
    }
}
