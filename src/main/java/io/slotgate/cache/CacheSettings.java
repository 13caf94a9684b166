package io.slotgate.cache;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * What a {@link DayBucketCache} is told at construction. The suppliers are read at each use, not once: the policy
 * can be reloaded while slotgate runs, and a reloaded policy applies at once.
 *
 * @param fillSpan            how wide one call is
 * @param patience            how long a reader waits for a fill by default (the rate budget's wait included)
 * @param expectedWait        when a call is expected to be possible: the Retry-After of a reader who waited in vain
 * @param changedCopyFor      how long a conservatively patched copy is served while its refetch goes first
 * @param backgroundSpacing   the least time between two background calls of one event type and duration, so that
 *                            the changes of a busy minute share a call; a user's miss is never held back by it
 * @param freedSpacing        the same for calls asked for only to show slots a change may have freed: the copy
 *                            served meanwhile offers no taken slot
 * @param patchConfirmDelay   how long after an exact patch its day is refetched to confirm it
 * @param calcomResultCache   how long Cal.com may answer from its own result cache after a change (tests of Cal.com
 *                            without it use 0)
 * @param refreshOnInvalidate whether the days read lately are refetched after a change, rather than left to the
 *                            next reader
 * @param keptWarm            which event types a warmer keeps warm: their invalidated days wait for its next round
 * @param unannouncedChange   what else to refresh when a refetch finds a change no invalidation announced
 */
public record CacheSettings(Supplier<FillSpan> fillSpan, Duration patience, Supplier<Duration> expectedWait,
                            Supplier<Duration> changedCopyFor, Supplier<Duration> backgroundSpacing,
                            Supplier<Duration> freedSpacing, Supplier<Duration> patchConfirmDelay,
                            Duration calcomResultCache, BooleanSupplier refreshOnInvalidate, LongPredicate keptWarm,
                            UnannouncedChange unannouncedChange) {
    /** What the cache was before any policy: the rate budget's default patience, no spacing, nothing kept warm. */
    public static CacheSettings defaults() {
        return new CacheSettings(FillSpan::defaults, Duration.ofSeconds(2), () -> Duration.ofSeconds(1),
                () -> Duration.ofSeconds(60), () -> Duration.ZERO, () -> Duration.ZERO, () -> Duration.ZERO,
                DayBucketCache.DEFAULT_CALCOM_RESULT_CACHE, () -> true, eventTypeId -> false, changed -> List.of());
    }

    public CacheSettings withFillSpan(Supplier<FillSpan> span) {
        return new CacheSettings(span, patience, expectedWait, changedCopyFor, backgroundSpacing, freedSpacing,
                patchConfirmDelay, calcomResultCache, refreshOnInvalidate, keptWarm, unannouncedChange);
    }

    public CacheSettings withRefreshOnInvalidate(BooleanSupplier enabled) {
        return new CacheSettings(fillSpan, patience, expectedWait, changedCopyFor, backgroundSpacing, freedSpacing,
                patchConfirmDelay, calcomResultCache, enabled, keptWarm, unannouncedChange);
    }

    public CacheSettings withSpacing(Supplier<Duration> background, Supplier<Duration> freed) {
        return new CacheSettings(fillSpan, patience, expectedWait, changedCopyFor, background, freed,
                patchConfirmDelay, calcomResultCache, refreshOnInvalidate, keptWarm, unannouncedChange);
    }

    public CacheSettings withChangedCopyFor(Supplier<Duration> duration) {
        return new CacheSettings(fillSpan, patience, expectedWait, duration, backgroundSpacing, freedSpacing,
                patchConfirmDelay, calcomResultCache, refreshOnInvalidate, keptWarm, unannouncedChange);
    }

    public CacheSettings withCalcomResultCache(Duration duration) {
        return new CacheSettings(fillSpan, patience, expectedWait, changedCopyFor, backgroundSpacing, freedSpacing,
                patchConfirmDelay, duration, refreshOnInvalidate, keptWarm, unannouncedChange);
    }

    public CacheSettings withUnannouncedChange(UnannouncedChange listener) {
        return new CacheSettings(fillSpan, patience, expectedWait, changedCopyFor, backgroundSpacing, freedSpacing,
                patchConfirmDelay, calcomResultCache, refreshOnInvalidate, keptWarm, listener);
    }

    /**
     * Told of a day whose refetch found a slot gone that no invalidation announced (a host's external calendar, say),
     * it names the other days likely changed too; the cache refreshes them. Returning them, rather than being handed
     * the cache to refresh them with, is what lets it be built before the cache.
     */
    @FunctionalInterface
    public interface UnannouncedChange {
        java.util.Collection<CacheKey.Generation> alsoChanged(CacheKey.Generation changed);
    }
}
