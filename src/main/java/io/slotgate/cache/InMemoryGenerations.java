package io.slotgate.cache;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The generation counters and change logs of one process: the whole truth when slotgate runs without a shared tier. */
final class InMemoryGenerations implements GenerationStore {
    private final ConcurrentHashMap<CacheKey.Generation, DayLog> logs = new ConcurrentHashMap<>();

    @Override
    public long current(CacheKey.Generation key) {
        DayLog log = logs.get(key);
        return log == null ? 0 : log.current();
    }

    @Override
    public long record(CacheKey.Generation key, DayChange change) {
        return logs.computeIfAbsent(key, k -> new DayLog()).append(change);
    }

    @Override
    public Optional<List<DayChange>> since(CacheKey.Generation key, long generation) {
        DayLog log = logs.get(key);
        return log == null ? (generation == 0 ? Optional.of(List.of()) : Optional.empty()) : log.since(generation);
    }

    @Override
    public long asOf(CacheKey.Generation key, Instant instant) {
        DayLog log = logs.get(key);
        return log == null ? 0 : log.asOf(instant);
    }
}
