package io.slotgate.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process generation counters (DESIGN.md §2): a fill that started under generation g is written only if the
 * generation is still g, so an invalidation that lands during a fill cannot be undone by the fill's stale answer.
 */
public final class Generations {
    private final ConcurrentHashMap<CacheKey.Generation, AtomicLong> counters = new ConcurrentHashMap<>();

    public long current(CacheKey.Generation key) {
        AtomicLong counter = counters.get(key);
        return counter == null ? 0 : counter.get();
    }

    public long increment(CacheKey.Generation key) {
        return counters.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }
}
