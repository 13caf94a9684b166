package io.slotgate.cache;

/** What the {@code X-Cache} header says: every day from cache, none, or some. */
public enum CacheOutcome {
    HIT, MISS, PARTIAL
}
