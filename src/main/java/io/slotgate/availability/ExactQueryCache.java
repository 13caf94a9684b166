package io.slotgate.availability;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The seed's way of caching, reproduced for its baseline profiles: one entry per exact query (event type, range,
 * duration), Cal.com's answer stored as it came and served unfiltered until its TTL ends, no sharing between
 * overlapping queries, no coalescing.
 */
final class ExactQueryCache {
    record Key(long eventTypeId, TimeRange range, Optional<Integer> duration) {
    }

    record Entry(List<Slot> slots, Instant fetchedAt) {
    }

    private final Cache<Key, Entry> entries;
    private final Clock clock;

    ExactQueryCache(Clock clock) {
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofHours(1))
                .build();
    }

    Optional<Entry> fresh(Key key, PolicyProfile profile) {
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            return Optional.empty();
        }
        Duration ttl = entry.slots().isEmpty() && profile.freshEmpty() != null ? profile.freshEmpty() : profile.freshToday();
        return Duration.between(entry.fetchedAt(), clock.instant()).compareTo(ttl) < 0 ? Optional.of(entry) : Optional.empty();
    }

    void put(Key key, List<Slot> slots) {
        entries.put(key, new Entry(slots, clock.instant()));
    }

    /** The seed's hybrid phase: a booking clears every cached query of the booked event type. */
    void removeEventType(long eventTypeId) {
        entries.asMap().keySet().removeIf(k -> k.eventTypeId() == eventTypeId);
    }

    void clear() {
        entries.invalidateAll();
    }

    long size() {
        return entries.estimatedSize();
    }
}
