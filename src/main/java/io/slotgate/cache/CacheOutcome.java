package io.slotgate.cache;

/**
 * What the {@code X-Cache} header says: every day fresh from cache (HIT), at least one day served stale while it is
 * refreshed or because Cal.com failed (STALE), every day fetched (MISS), or some fetched (PARTIAL).
 */
public enum CacheOutcome {
    HIT, STALE, MISS, PARTIAL
}
