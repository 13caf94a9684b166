package io.slotgate.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.slotgate.calcom.Priority;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * What a change of a day asks of the fills: which of its buckets were read lately (one per duration and alignment
 * class; only those are worth refetching), and for each, the refetch and its pace: after a drop first in line, after
 * a conservative patch first in line but paced as a freed slot's (the copy offers no taken slot), after an exact patch
 * a confirmation at refresh priority a while later, after a freed slot (a cancellation) first in line once Cal.com can
 * show it. Never before Cal.com's own result cache can show the change.
 */
final class ChangeFollowUp {
    private static final Duration HOT_FOR = Duration.ofMinutes(15);

    /** Where a refetch goes: the cache's queue, driven by its background. */
    interface Needs {
        void need(FillTarget target, LocalDate day, Priority priority, Instant notBefore, boolean echo,
                  boolean freedOnly);
    }

    private final Clock clock;
    private final Needs needs;
    private final ToIntFunction<FillTarget> frequencyMinutes;
    private final BooleanSupplier refreshOnInvalidate;
    private final Supplier<Duration> calcomResultCache;
    private final Cache<CacheKey.Generation, Set<FillTarget>> hot;
    private final Supplier<Duration> patchConfirmDelay;

    ChangeFollowUp(Clock clock, Needs needs, ToIntFunction<FillTarget> frequencyMinutes,
                   BooleanSupplier refreshOnInvalidate, Supplier<Duration> calcomResultCache,
                   Supplier<Duration> patchConfirmDelay) {
        this.clock = clock;
        this.patchConfirmDelay = patchConfirmDelay;
        this.needs = needs;
        this.frequencyMinutes = frequencyMinutes;
        this.refreshOnInvalidate = refreshOnInvalidate;
        this.calcomResultCache = calcomResultCache;
        this.hot = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterAccess(HOT_FOR)
                .maximumSize(100_000)
                .build();
    }

    /** A bucket was read: its day's changes are worth refetching for its target for a while. */
    void read(CacheKey.Bucket key) {
        hot.get(key.generation(), k -> ConcurrentHashMap.newKeySet()).add(key.target());
    }

    /**
     * A day may have gained slots (a cancellation, a reservation released): the durations read lately are refetched
     * first in line, once Cal.com can show it, paced as freed slots.
     */
    void freed(CacheKey.Generation day, Instant learnedAt) {
        // even for an event type the warmer keeps warm: its rounds refetch only what is missing or about to go
        // stale, and this copy is neither (the call is widened to the next days, as the warmer's would be)
        readLately(day).forEach(key -> needs.need(key.target(), key.day(), Priority.REFETCH,
                learnedAt.plus(calcomResultCache.get()), false, true));
    }

    /** Refetches in the background the durations of this day read lately; what it finds is not reported again. */
    void refreshHot(CacheKey.Generation day) {
        for (CacheKey.Bucket key : readLately(day)) {
            needs.need(key.target(), key.day(), Priority.REFRESH, Instant.MIN, true, false);
        }
    }

    /**
     * The refetch a change asks for, of the durations of its day read lately on this instance: first in line when a
     * conservative patch may leave slots out (always: that copy is served only for a bounded time), at refresh
     * priority to confirm an exact patch, and after a drop, both with refresh-on-invalidate on. Not before Cal.com's
     * own result cache can show the change.
     */
    void afterChange(CacheKey.Generation day, Optional<DayChange> change) {
        Instant now = clock.instant();
        Instant notBefore = change.filter(DayChange.Busy.class::isInstance)
                .map(c -> c.learnedAt().plus(calcomResultCache.get())).orElse(now);
        for (CacheKey.Bucket key : readLately(day)) {
            boolean exact = change.filter(c -> c instanceof DayChange.Busy busy && patchesExactly(busy, key))
                    .isPresent();
            boolean conservative = change.filter(DayChange.Busy.class::isInstance).isPresent() && !exact;
            // an event type the warmer keeps warm is refetched here too: a patched copy looks fresh to the warmer's
            // rounds, which refetch only what is missing or about to go stale
            if (!conservative && !refreshOnInvalidate.getAsBoolean()) {
                continue;
            }
            Instant confirmAt = exact ? change.get().learnedAt().plus(patchConfirmDelay.get()) : notBefore;
            // a patched copy, exact or conservative, offers no taken slot: its refetch can only show slots the patch
            // could not vouch for (a round robin's other host) or cannot know of, so it is paced as a freed slot's
            needs.need(key.target(), key.day(), exact ? Priority.REFRESH : Priority.REFETCH,
                    confirmAt.isAfter(notBefore) ? confirmAt : notBefore, false, exact || conservative);
        }
    }

    /**
     * Whether a busy time patches this bucket exactly (BucketPatch): blocking for certain, and for a booking, on slots
     * that stay on their lattice wherever a range restarts.
     */
    private boolean patchesExactly(DayChange.Busy busy, CacheKey.Bucket key) {
        if (!busy.certain()) {
            return false;
        }
        int frequency = frequencyMinutes.applyAsInt(key.target());
        return busy.kind() == DayChange.Kind.RESERVED || onAFixedLattice(frequency);
    }

    /**
     * Whether slots of this frequency sit on a lattice Cal.com's rounding never moves: the frequency is its own
     * alignment interval (60, 30, 20, 15, 10 or 5 minutes), so a run restarting anywhere lands on the same lattice.
     */
    private static boolean onAFixedLattice(int frequency) {
        return frequency > 0 && 60 % frequency == 0 && frequency % 5 == 0;
    }

    /**
     * The buckets of this day, one per duration and alignment class, that were read lately: those worth refetching
     * when it changes.
     */
    List<CacheKey.Bucket> readLately(CacheKey.Generation day) {
        Set<FillTarget> targets = hot.getIfPresent(day);
        if (targets == null) {
            return List.of();
        }
        return targets.stream().map(target -> target.bucket(day.day())).toList();
    }
}
