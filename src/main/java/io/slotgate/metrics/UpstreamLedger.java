package io.slotgate.metrics;

import io.slotgate.cache.TenantId;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cal.com calls per UTC day and event type, kept in process for whoever needs the day's figures without Prometheus
 * (a report, the staleness verifier's sampling budget): {@link #callsOn(LocalDate)}. Only calls that name an event
 * type are in it ({@code /v2/slots?eventTypeId=}, {@code /v2/event-types/{id}}). It keeps the last
 * {@value #DAYS_KEPT} days and at most {@value #MAX_EVENT_TYPES_PER_DAY} event types a day (later ones are counted
 * under {@link #OTHER}).
 */
public final class UpstreamLedger {
    public static final int DAYS_KEPT = 35;
    public static final int MAX_EVENT_TYPES_PER_DAY = 10_000;
    /** The key under which event types beyond the daily cap are counted. */
    public static final long OTHER = -1;

    /** One tenant's event type. */
    public record Key(TenantId tenant, long eventTypeId) {
    }

    private final Clock clock;
    private final ConcurrentSkipListMap<LocalDate, ConcurrentHashMap<Key, LongAdder>> days =
            new ConcurrentSkipListMap<>();

    public UpstreamLedger(Clock clock) {
        this.clock = clock;
    }

    /** Counts one call to Cal.com about the event type, on today's UTC date by the clock. */
    public void record(TenantId tenant, long eventTypeId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        ConcurrentHashMap<Key, LongAdder> day = days.computeIfAbsent(today, d -> {
            trim(d);
            return new ConcurrentHashMap<>();
        });
        Key key = new Key(tenant, eventTypeId);
        if (!day.containsKey(key) && day.size() >= MAX_EVENT_TYPES_PER_DAY) {
            key = new Key(tenant, OTHER);
        }
        day.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Calls per event type on that UTC day, all tenants added up; empty for a day not (or no longer) kept. */
    public Map<Long, Long> callsOn(LocalDate day) {
        Map<Long, Long> out = new TreeMap<>();
        days.getOrDefault(day, new ConcurrentHashMap<>())
                .forEach((key, count) -> out.merge(key.eventTypeId(), count.sum(), Long::sum));
        return out;
    }

    /** Calls per event type of one tenant on that UTC day. */
    public Map<Long, Long> callsOn(TenantId tenant, LocalDate day) {
        Map<Long, Long> out = new TreeMap<>();
        days.getOrDefault(day, new ConcurrentHashMap<>()).forEach((key, count) -> {
            if (key.tenant().equals(tenant)) {
                out.merge(key.eventTypeId(), count.sum(), Long::sum);
            }
        });
        return out;
    }

    /** All calls of that UTC day. */
    public long totalOn(LocalDate day) {
        return days.getOrDefault(day, new ConcurrentHashMap<>()).values().stream().mapToLong(LongAdder::sum).sum();
    }

    private void trim(LocalDate newest) {
        LocalDate oldestKept = newest.minusDays(DAYS_KEPT - 1);
        days.headMap(oldestKept).clear();
    }
}
