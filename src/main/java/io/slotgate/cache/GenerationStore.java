package io.slotgate.cache;

/**
 * The generation counters of DESIGN.md §2, one per (tenant, event type, UTC day). An invalidation increments the
 * counter; a bucket is served only while its generation is the current one, and a fill writes only if the generation
 * it started under is still current.
 */
public interface GenerationStore {
    long current(CacheKey.Generation key);

    long increment(CacheKey.Generation key);
}
