package io.slotgate.availability;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How often each event type is asked about, decayed each warming round so the ranking follows the recent past: what
 * the warmer keeps fresh. Counts are fixed-point (one query weighs {@value #ONE}) so a decay of 1/16 per round keeps
 * an event type asked once in the ranking for about 64 rounds.
 */
final class QueryStats {
    private static final long ONE = 1024;
    private static final long FORGOTTEN = 16;
    private final Map<Long, AtomicLong> counts = new ConcurrentHashMap<>();

    public void asked(long eventTypeId) {
        counts.computeIfAbsent(eventTypeId, k -> new AtomicLong()).addAndGet(ONE);
    }

    public List<Long> top(int n) {
        return counts.entrySet().stream()
                .filter(e -> e.getValue().get() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<Long, AtomicLong> e) -> e.getValue().get()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(n)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Takes a sixteenth off every count: a query an hour ago weighs less than one now. */
    public void decay() {
        counts.values().forEach(c -> c.updateAndGet(v -> v - v / 16));
        counts.values().removeIf(c -> c.get() < FORGOTTEN);
    }
}
