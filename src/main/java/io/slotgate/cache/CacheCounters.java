package io.slotgate.cache;

import io.slotgate.calcom.Priority;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the cache did, day by day: the raw figures behind hit rates and upstream budgets. */
public final class CacheCounters {
    private final LongAdder freshDays = new LongAdder();
    private final LongAdder staleDays = new LongAdder();
    private final LongAdder fetchedDays = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final Map<Priority, LongAdder> fills = new EnumMap<>(Priority.class);
    private final Map<Priority, LongAdder> failedFills = new EnumMap<>(Priority.class);

    CacheCounters() {
        for (Priority p : Priority.values()) {
            fills.put(p, new LongAdder());
            failedFills.put(p, new LongAdder());
        }
    }

    void record(int fresh, int stale, int fetched) {
        freshDays.add(fresh);
        staleDays.add(stale);
        fetchedDays.add(fetched);
    }

    void fill(Priority priority, boolean succeeded) {
        (succeeded ? fills : failedFills).get(priority).increment();
    }

    void invalidated() {
        invalidations.increment();
    }

    public long freshDays() {
        return freshDays.sum();
    }

    public long staleDays() {
        return staleDays.sum();
    }

    public long fetchedDays() {
        return fetchedDays.sum();
    }

    public long invalidations() {
        return invalidations.sum();
    }

    public long fills(Priority priority) {
        return fills.get(priority).sum();
    }

    public long failedFills(Priority priority) {
        return failedFills.get(priority).sum();
    }
}
