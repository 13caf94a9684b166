package io.slotgate.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The generation counters of one process: the whole truth when slotgate runs without a shared tier. */
public final class InMemoryGenerations implements GenerationStore {
    private final ConcurrentHashMap<CacheKey.Generation, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public long current(CacheKey.Generation key) {
        AtomicLong counter = counters.get(key);
        return counter == null ? 0 : counter.get();
    }

    @Override
    public long increment(CacheKey.Generation key) {
        return counters.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }
}
