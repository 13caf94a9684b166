package io.slotgate.cache;

/**
 * What the {@code X-Cache} header says: every day fresh from cache (HIT), at least one day served stale while it is
 * refreshed or because Cal.com failed (STALE), every day fetched (MISS), or some fetched (PARTIAL).
 */
public enum CacheOutcome {
    HIT, STALE, MISS, PARTIAL;

    /** Answered without waiting on Cal.com: fresh or stale from the cache. */
    public boolean servedFromCache() {
        return this == HIT || this == STALE;
    }

    /**
     * The outcome of an answer made of two lookups: the same when both agree, STALE when both came from the cache
     * and one of them stale, PARTIAL otherwise.
     */
    public CacheOutcome and(CacheOutcome other) {
        if (this == other) {
            return this;
        }
        return servedFromCache() && other.servedFromCache() ? STALE : PARTIAL;
    }
}
