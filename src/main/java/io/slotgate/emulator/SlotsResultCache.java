package io.slotgate.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cal.com's slots result cache ({@code withSlotsCache} in util.ts, NOTES §7): the core's answer to a query is stored
 * under {@code JSON.stringify(input)} for {@code SLOTS_CACHE_TTL} and returned as it is to an identical query within
 * that time, bookings and reservations made meanwhile notwithstanding. Nothing invalidates an entry; it expires. Time
 * is the emulator's clock. Runs under the emulator's lock.
 */
final class SlotsResultCache {
    private record Entry(List<java.time.Instant> slots, Instant expiresAt) {
    }

    private final Duration ttl;
    private final Map<String, Entry> entries = new HashMap<>();

    SlotsResultCache(Duration ttl) {
        this.ttl = ttl;
    }

    Optional<List<Instant>> get(String key, Instant now) {
        if (!ttl.isPositive()) {
            return Optional.empty();
        }
        Entry entry = entries.get(key);
        return entry != null && now.isBefore(entry.expiresAt()) ? Optional.of(entry.slots()) : Optional.empty();
    }

    /** The cached answer to {@code key}, else {@code compute}'s, stored; an answer that throws is not stored. */
    List<Instant> getOrCompute(String key, Instant now, java.util.function.Supplier<List<Instant>> compute) {
        Optional<List<Instant>> cached = get(key, now);
        if (cached.isPresent()) {
            return cached.get();
        }
        List<Instant> computed = compute.get();
        put(key, computed, now);
        return computed;
    }

    void put(String key, List<Instant> slots, Instant now) {
        if (!ttl.isPositive()) {
            return;
        }
        entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
        entries.put(key, new Entry(List.copyOf(slots), now.plus(ttl)));
    }
}
