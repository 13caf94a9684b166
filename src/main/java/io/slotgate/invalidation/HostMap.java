package io.slotgate.invalidation;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * One tenant's event type → hosts map (keyed {@code sg:{tenant}:hosts:{eventTypeId}}) and its reverse index, host →
 * the event types slotgate has seen: availability is per host (NOTES.md §4), so a booking on one event type must
 * invalidate every event type of its hosts.
 *
 * <p>Learned from every event type the tenant looks up ({@link #learn}), refreshed on a timer, and fetched at once,
 * off the request path, for an event type a webhook names that the map does not know ({@link #refreshAsync}).
 */
public final class HostMap {
    private static final Logger LOG = LoggerFactory.getLogger(HostMap.class);

    /**
     * What invalidation needs of one event type.
     *
     * @param oneBusyHostBlocks whether one busy host takes a slot away (one host, or collective); for round robin
     *                          another host may still be free
     * @param usersOwn          a user's own event type (no scheduling type): the 2024-04-15 reservation route stores
     *                          rows for its user; a team event type has no users of its own, so that route stores none
     */
    public record Entry(long eventTypeId, Set<Long> hostIds, int beforeBufferMinutes, int afterBufferMinutes,
                        boolean described, boolean oneBusyHostBlocks, boolean usersOwn) {
        public Entry {
            // in Cal.com's order: a team event type's reservation is stored for its first host
            hostIds = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(hostIds));
        }
    }

    private final TenantId tenant;
    private final LongFunction<EventTypeInfo> fetch;
    private final Scheduler scheduler;
    private final ConcurrentHashMap<CacheKey.HostMap, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<Long>> eventTypesByHost = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, CompletableFuture<Optional<Entry>>> refreshing = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /**
     * @param fetch asks Cal.com for one event type, bypassing any cache (it is called off the request path only)
     */
    public HostMap(TenantId tenant, LongFunction<EventTypeInfo> fetch, Scheduler scheduler) {
        this.tenant = tenant;
        this.fetch = fetch;
        this.scheduler = scheduler;
    }

    public CacheKey.HostMap key(long eventTypeId) {
        return new CacheKey.HostMap(tenant, eventTypeId);
    }

    /**
     * Records what Cal.com said of an event type. An answer without hosts (Cal.com would not describe it) keeps the
     * hosts known before, so a failed refresh does not forget them.
     */
    public void learn(EventTypeInfo info) {
        if (info.id() <= 0) {
            return;
        }
        CacheKey.HostMap key = key(info.id());
        Entry fresh = new Entry(info.id(), new LinkedHashSet<>(info.hostIds()), info.beforeBufferMinutes(),
                info.afterBufferMinutes(), info.isKnown(), info.oneBusyHostBlocks(),
                info.scheduling() == EventTypeInfo.Scheduling.INDIVIDUAL);
        Entry[] previous = new Entry[1];
        entries.compute(key, (k, old) -> {
            previous[0] = old;
            return old != null && old.described() && !fresh.described() ? old : fresh;
        });
        Entry now = entries.get(key);
        if (previous[0] != null) {
            for (long host : previous[0].hostIds()) {
                if (!now.hostIds().contains(host)) {
                    eventTypesByHost.computeIfPresent(host, (h, types) -> {
                        types.remove(info.id());
                        return types.isEmpty() ? null : types;
                    });
                }
            }
        }
        for (long host : now.hostIds()) {
            eventTypesByHost.computeIfAbsent(host, h -> ConcurrentHashMap.newKeySet()).add(info.id());
        }
    }

    public Optional<Entry> entry(long eventTypeId) {
        return Optional.ofNullable(entries.get(key(eventTypeId)));
    }

    public boolean knows(long eventTypeId) {
        return entries.containsKey(key(eventTypeId));
    }

    /** The event types seen with this host among their hosts. */
    public Set<Long> eventTypesOf(long hostId) {
        Set<Long> types = eventTypesByHost.get(hostId);
        return types == null ? Set.of() : Set.copyOf(types);
    }

    /**
     * The event types seen whose hosts Cal.com has not described (admitted before their list was read, or not ours to
     * describe): any booking may be one of their hosts'.
     */
    public Set<Long> undescribed() {
        Set<Long> ids = new TreeSet<>();
        entries.values().forEach(e -> {
            if (!e.described()) {
                ids.add(e.eventTypeId());
            }
        });
        return ids;
    }

    /** The other event types that share at least one host with this one. */
    public Set<Long> sharingHostsWith(long eventTypeId) {
        Set<Long> others = new TreeSet<>();
        entry(eventTypeId).ifPresent(e -> e.hostIds().forEach(host -> others.addAll(eventTypesOf(host))));
        others.remove(eventTypeId);
        return others;
    }

    public Collection<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The largest before and after buffers of any event type seen: the widening when an event type is unknown. */
    public int maxBeforeBuffer() {
        return entries.values().stream().mapToInt(Entry::beforeBufferMinutes).max().orElse(0);
    }

    public int maxAfterBuffer() {
        return entries.values().stream().mapToInt(Entry::afterBufferMinutes).max().orElse(0);
    }

    /** Fetches one event type on the scheduler; concurrent requests for the same id share one fetch. */
    public CompletableFuture<Optional<Entry>> refreshAsync(long eventTypeId) {
        CompletableFuture<Optional<Entry>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Entry>> theirs = refreshing.putIfAbsent(eventTypeId, mine);
        if (theirs != null) {
            return theirs;
        }
        scheduler.execute(() -> {
            try {
                learn(fetch.apply(eventTypeId));
                mine.complete(entry(eventTypeId));
            } catch (RuntimeException e) {
                LOG.warn("refreshing the hosts of event type {} failed", eventTypeId, e);
                mine.complete(entry(eventTypeId));
            } finally {
                refreshing.remove(eventTypeId, mine);
            }
        });
        return mine;
    }

    /** Fetches every known event type again, one after the other (host lists change without a webhook). */
    public void refreshAll() {
        for (Entry entry : entries()) {
            try {
                learn(fetch.apply(entry.eventTypeId()));
            } catch (RuntimeException e) {
                LOG.warn("refreshing the hosts of event type {} failed", entry.eventTypeId(), e);
            }
        }
    }

    /** Refreshes the whole map every {@code period}, on the scheduler, until the process ends. */
    public void refreshEvery(Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("the refresh period must be positive");
        }
        scheduler.schedule(() -> {
            if (stopped) {
                return;
            }
            try {
                refreshAll();
            } finally {
                refreshEvery(period);
            }
        }, period);
    }

    /** Ends the periodic refresh (at its next turn). */
    public void stop() {
        stopped = true;
    }
}
