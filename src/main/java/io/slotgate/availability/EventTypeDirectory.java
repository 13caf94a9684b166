package io.slotgate.availability;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.calcom.EventTypeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Event-type facts (default length, notice, buffers, hosts), fetched from Cal.com once and kept for a while: they
 * change rarely and Cal.com sends no webhook when they do. When Cal.com will not describe an event type (no API key,
 * not ours), the answer "unknown" is kept for a shorter time, and slots are still served (filtered for the past only).
 * Concurrent first lookups of one event type share one call (Caffeine's per-key loading).
 */
public final class EventTypeDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(EventTypeDirectory.class);
    /** Longer than the host map's refresh period, which reloads every known event type: those never expire. */
    static final Duration KNOWN_FOR = Duration.ofMinutes(60);
    static final Duration UNKNOWN_FOR = Duration.ofMinutes(1);

    private final LoadingCache<Long, EventTypeInfo> cache;
    private final CalcomClient client;
    private final List<Consumer<EventTypeInfo>> listeners = new CopyOnWriteArrayList<>();

    public EventTypeDirectory(CalcomClient client, Clock clock) {
        this.client = client;
        this.cache = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .maximumSize(10_000)
                .expireAfter(Expiry.creating((Long id, EventTypeInfo info) -> info.isKnown() ? KNOWN_FOR : UNKNOWN_FOR))
                .build(this::load);
    }

    public EventTypeInfo get(long eventTypeId) {
        return cache.get(eventTypeId);
    }

    /**
     * Asks Cal.com again, bypassing the cache (for the host map's refreshes, never on a query's path). A failed answer
     * does not replace facts already known.
     */
    public EventTypeInfo reload(long eventTypeId) {
        EventTypeInfo fresh = load(eventTypeId);
        EventTypeInfo current = cache.getIfPresent(eventTypeId);
        if (fresh.isKnown() || current == null || !current.isKnown()) {
            cache.put(eventTypeId, fresh);
        }
        return fresh;
    }

    /**
     * Keeps facts Cal.com gave in another answer (a list of event types found by name), as if fetched: the next
     * {@link #get} needs no call. Facts already known are kept (they expire on their own schedule).
     */
    public void learn(EventTypeInfo info) {
        if (info.isKnown() && cache.asMap().putIfAbsent(info.id(), info) == null) {
            notifyListeners(info);
        }
    }

    /**
     * Keeps facts a list call gave (the catalog's), replacing older ones, for {@code lifetime}: the list is as fresh as
     * a per-id lookup, and listeners (the host map) hear of a change only when the facts changed. The lister gives
     * its facts a lifetime of several of its rounds: were they to expire one round after a refresh the budget
     * refused, every event type's next fill would look itself up at once, a call each, and turn readers away.
     */
    public void refresh(EventTypeInfo info, Duration lifetime) {
        if (!info.isKnown()) {
            return;
        }
        EventTypeInfo before = cache.getIfPresent(info.id());
        // a listed fact lives its full lifetime from this list, not from when it was first seen
        cache.policy().expireVariably().ifPresentOrElse(v -> v.put(info.id(), info, lifetime),
                () -> cache.put(info.id(), info));
        if (!info.equals(before)) {
            notifyListeners(info);
        }
    }

    /**
     * An event type admitted before a list describes it (a host's list still to be read): held as unknown for
     * {@code lifetime}, so no lookup by id is made for it meanwhile (for another user's event type Cal.com would answer
     * that lookup 404 anyway). Facts known already are kept. Listeners hear of it: the host map then counts it among the
     * event types whose hosts it does not know, which every booking may concern.
     */
    public void provisional(long eventTypeId, Duration lifetime) {
        EventTypeInfo unknown = EventTypeInfo.unknown(eventTypeId);
        if (cache.getIfPresent(eventTypeId) != null) {
            return;
        }
        cache.policy().expireVariably().ifPresentOrElse(v -> v.putIfAbsent(eventTypeId, unknown, lifetime),
                () -> cache.asMap().putIfAbsent(eventTypeId, unknown));
        notifyListeners(unknown);
    }

    /** Drops a provisional "unknown" that no list replaced: the id's next query asks Cal.com as any other's would. */
    public void forgetProvisional(long eventTypeId) {
        cache.asMap().computeIfPresent(eventTypeId, (id, info) -> info.isKnown() ? info : null);
    }

    /** The facts held for an event type, without asking Cal.com. */
    public java.util.Optional<EventTypeInfo> peek(long eventTypeId) {
        return java.util.Optional.ofNullable(cache.getIfPresent(eventTypeId));
    }

    /** Called with every answer fetched from Cal.com (the host map learns event types this way). */
    public void addListener(Consumer<EventTypeInfo> listener) {
        listeners.add(listener);
    }

    /**
     * A definite refusal (no key, not ours, unknown) is remembered as "unknown" for a minute; a transient failure
     * (throttled, Cal.com down) is not remembered at all and fails the query, so a busy minute cannot leave slotgate
     * serving without the notice filter.
     */
    private EventTypeInfo load(Long id) {
        CalcomOutcome<EventTypeInfo> outcome = client.eventType(id);
        EventTypeInfo info;
        if (outcome instanceof CalcomOutcome.Success<EventTypeInfo> ok) {
            info = ok.value();
        } else if (outcome instanceof CalcomOutcome.RateLimited<EventTypeInfo>
                || outcome instanceof CalcomOutcome.UpstreamError<EventTypeInfo>) {
            throw new FillFailedException(outcome, Priority.USER);
        } else {
            LOG.info("event type {} not described by Cal.com ({}); serving its slots with notice unknown",
                    id, outcome.getClass().getSimpleName());
            info = EventTypeInfo.unknown(id);
        }
        notifyListeners(info);
        return info;
    }

    private void notifyListeners(EventTypeInfo info) {
        for (Consumer<EventTypeInfo> listener : listeners) {
            try {
                listener.accept(info);
            } catch (RuntimeException e) {
                LOG.warn("event type listener failed on {}", info.id(), e);
            }
        }
    }
}
