package io.slotgate.cache;

import java.util.List;

/**
 * The generation counters of DESIGN.md §2, one per (tenant, event type, UTC day). An invalidation increments the
 * counter; a bucket is served only while its generation is the current one, and a fill writes only if the generation
 * it started under is still current.
 */
public interface GenerationStore {
    /** The current generation as this process knows it; called on every read, so it must be cheap. */
    long current(CacheKey.Generation key);

    long increment(CacheKey.Generation key);

    /**
     * The current generations read from the source of truth, for a fill about to go upstream. A shared store pays a
     * round trip here so that {@link #current} can stay local; an in-process store has nothing to refresh.
     */
    default List<Long> refresh(List<CacheKey.Generation> keys) {
        return keys.stream().map(this::current).toList();
    }
}
