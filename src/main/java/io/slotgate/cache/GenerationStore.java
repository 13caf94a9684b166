package io.slotgate.cache;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The generation counters of DESIGN.md §2, one per (tenant, event type, UTC day), with the changes that moved them.
 * A change moves the counter; a bucket is served only when the changes since its generation are known and can all be
 * patched into it (a {@link DayChange.Busy}), and a fill writes only buckets whose changes since its start are known.
 */
public interface GenerationStore {
    /** The current generation as this process knows it; called on every read, so it must be cheap. */
    long current(CacheKey.Generation key);

    /** A change that leaves nothing to patch with: what is cached of the day is not served any more. */
    default long increment(CacheKey.Generation key) {
        return record(key, new DayChange.Dropped(Instant.EPOCH, "invalidated"));
    }

    /** Moves the day to its next generation because of {@code change}; returns the new generation. */
    long record(CacheKey.Generation key, DayChange change);

    /**
     * The changes after {@code generation} up to the current one, oldest first; empty when this store does not know
     * all of them (a log trimmed, a change heard of only by its number).
     */
    Optional<List<DayChange>> since(CacheKey.Generation key, long generation);

    /**
     * The generation the day had at {@code instant}: the current one, less every change learned after it. A fill
     * that asks Cal.com now is stored under the generation of a moment earlier, so that the changes Cal.com's own
     * result cache may not show yet are patched into it again (a patch applied twice changes nothing).
     */
    long asOf(CacheKey.Generation key, Instant instant);

    /**
     * The current generations read from the source of truth, for a fill about to go upstream. A shared store pays a
     * round trip here so that {@link #current} can stay local; an in-process store has nothing to refresh.
     */
    default List<Long> refresh(List<CacheKey.Generation> keys) {
        return keys.stream().map(this::current).toList();
    }
}
