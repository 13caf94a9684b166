package io.slotgate.availability;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.EventTypeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Event-type facts (default length, notice, buffers, hosts), fetched from Cal.com once and kept for a while: they
 * change rarely and Cal.com sends no webhook when they do. When Cal.com will not describe an event type (no API key,
 * not ours), the answer "unknown" is kept for a shorter time, and slots are still served (filtered for the past only).
 * Concurrent first lookups of one event type share one call (Caffeine's per-key loading).
 */
public final class EventTypeDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(EventTypeDirectory.class);
    private static final Duration KNOWN_FOR = Duration.ofMinutes(10);
    private static final Duration UNKNOWN_FOR = Duration.ofMinutes(1);

    private final LoadingCache<Long, EventTypeInfo> cache;

    public EventTypeDirectory(CalcomClient client, Clock clock) {
        this.cache = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .maximumSize(10_000)
                .expireAfter(Expiry.creating((Long id, EventTypeInfo info) -> info.isKnown() ? KNOWN_FOR : UNKNOWN_FOR))
                .build(id -> load(client, id));
    }

    public EventTypeInfo get(long eventTypeId) {
        return cache.get(eventTypeId);
    }

    private static EventTypeInfo load(CalcomClient client, long id) {
        CalcomOutcome<EventTypeInfo> outcome = client.eventType(id);
        if (outcome instanceof CalcomOutcome.Success<EventTypeInfo> ok) {
            return ok.value();
        }
        LOG.info("event type {} not described by Cal.com ({}); serving its slots with notice unknown",
                id, outcome.getClass().getSimpleName());
        return EventTypeInfo.unknown(id);
    }
}
