package io.slotgate.cache;

import java.time.Duration;
import java.util.List;

/** The buckets that answer a query, in day order, and how they were obtained. */
public record Lookup(List<DayBucket> buckets, int daysFromCache, int daysStale, int daysFetched, Duration age) {
    public Lookup {
        buckets = List.copyOf(buckets);
    }

    /** Whether a served bucket has changes patched into it since it was fetched (a booking taken out at once). */
    public boolean patched() {
        for (DayBucket bucket : buckets) { // a loop, not a stream: asked on every hit
            if (bucket.patched()) {
                return true;
            }
        }
        return false;
    }

    public CacheOutcome outcome() {
        if (daysFetched == 0) {
            return daysStale == 0 ? CacheOutcome.HIT : CacheOutcome.STALE;
        }
        return daysFromCache == 0 ? CacheOutcome.MISS : CacheOutcome.PARTIAL;
    }
}
