package io.slotgate.cache;

import io.slotgate.calcom.Priority;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The days of one tenant waiting to be fetched, per {@link FillTarget}: a user's miss, a refresh of a day served
 * stale, a refetch after a change, warming. Each waiting day has one future that every reader of it shares, and the
 * most urgent priority anyone asked it with. At most one call per target is in flight; what is asked meanwhile waits
 * for the next call, which fetches the union of the target's waiting days (a {@link FillBatch}), in the spirit of a
 * DataLoader batch: one call serves every reader it can.
 *
 * <p>A waiting day may carry a "not before": a refetch after a change must not be answered by a call made before
 * the change (or within Cal.com's own result cache of it), so it only joins calls that start at or after that instant.
 *
 * <p>Background needs (everything but a user's miss) are paced: a target's next call for them comes no sooner than
 * spacing after its last call started, so the changes of a busy minute share one call rather than
 * spending one each. A need that only wants to show slots a change may have freed (a cancellation, a released hold,
 * a patch's confirmation or a conservative patch's refetch: the copy served meanwhile offers no taken slot) is paced by the longer
 * freed spacing; joined by any other need for its day, it is paced as that one. A user's
 * miss is never paced, and the call it makes takes the background days along.
 *
 * <p>This class is the lock and the map of targets; a target's days are its {@link TargetQueue}, a waiting day a
 * {@link FillNeed}, and the pacing {@link FillPacing}.
 */
final class FillQueue {
    private final Map<FillTarget, TargetQueue> byTarget = new HashMap<>();
    private final FillPacing pacing;

    /**
     * @param spacing      the least time between two calls of one target that only background needs ask for
     * @param freedSpacing the same for calls that only freed-slot needs ask for
     */
    FillQueue(Supplier<Duration> spacing, Supplier<Duration> freedSpacing) {
        this.pacing = new FillPacing(spacing, freedSpacing);
    }

    private TargetQueue of(FillTarget target) {
        return byTarget.computeIfAbsent(target, TargetQueue::new);
    }

    /**
     * Asks for a day. A day already waiting keeps its future and takes the more urgent priority and the earlier
     * "not before" (a user's miss wants any call that comes).
     */
    synchronized CompletableFuture<DayBucket> need(FillTarget target, LocalDate day, Priority priority, Instant now,
                                                   Instant notBefore, boolean echo) {
        return need(target, day, priority, now, notBefore, echo, false);
    }

    /** @param freedOnly the need only wants to show slots a change may have freed (paced by the freed spacing) */
    synchronized CompletableFuture<DayBucket> need(FillTarget target, LocalDate day, Priority priority, Instant now,
                                                   Instant notBefore, boolean echo, boolean freedOnly) {
        return of(target).need(day, priority, now, notBefore, echo, freedOnly);
    }

    /**
     * The next call for a target: none while one is in flight or no waiting day is due; otherwise the waiting days the
     * span holds that are due are taken out of the queue into the batch, which is in flight until {@link #done}. A due
     * day that {@code stored} shows was filled since it was asked for (by a call that started after its "not before")
     * is settled with that bucket instead: between a reader's look and its need, another call may have answered it.
     */
    synchronized Optional<FillBatch> take(FillTarget target, Instant now, LocalDate today, FillSpan span,
                                          Function<LocalDate, Optional<DayBucket>> stored) {
        TargetQueue queue = byTarget.get(target);
        return queue == null ? Optional.empty() : queue.take(now, today, span, stored, pacing);
    }

    /** The call in flight for a target, if any. */
    synchronized Optional<FillBatch> inFlight(FillTarget target) {
        TargetQueue queue = byTarget.get(target);
        return queue == null ? Optional.empty() : queue.inFlight();
    }

    /**
     * A call is over. Days that waited for the next call but that this one answered well enough (it started at or
     * after their "not before", and {@code stored} has a usable bucket for them) are settled too.
     */
    synchronized void done(FillBatch batch, Function<LocalDate, Optional<DayBucket>> stored) {
        TargetQueue queue = byTarget.get(batch.target());
        if (queue == null) {
            return;
        }
        queue.done(batch, stored);
        if (queue.idle() && pacing.longest().isZero()) {
            byTarget.remove(batch.target());
        }
    }

    /** Puts back days of a call that did not happen (the rate budget refused it), due again at {@code notBefore}. */
    synchronized void putBack(FillBatch batch, Map<LocalDate, FillNeed> days, Instant notBefore) {
        of(batch.target()).putBack(days, notBefore);
    }

    /**
     * Another instance sharing the store made a call for this target, answered at {@code at}: this instance's
     * background calls for it are paced from that call too, so two instances do not each spend a call per spacing.
     */
    synchronized void calledElsewhere(FillTarget target, Instant at) {
        of(target).calledElsewhere(at);
    }

    /** Targets with a due day and no call in flight, the most urgent first. */
    synchronized List<FillTarget> due(Instant now) {
        List<Map.Entry<FillTarget, FillNeed>> ready = new ArrayList<>();
        // a target with nothing waiting is kept only while its pacing still counts
        Duration least = pacing.longest();
        byTarget.values().removeIf(queue -> queue.idle() && queue.pacingOver(now, least));
        byTarget.forEach((target, queue) -> queue.mostUrgentDue(now, pacing)
                .ifPresent(urgent -> ready.add(Map.entry(target, urgent.getValue()))));
        ready.sort(Map.Entry.comparingByValue(FillNeed.URGENCY));
        return ready.stream().map(Map.Entry::getKey).toList();
    }

    /** When the next waiting day becomes due, if one waits for a later instant. */
    synchronized Optional<Instant> nextDue(Instant now) {
        Instant next = null;
        for (TargetQueue queue : byTarget.values()) {
            Instant at = queue.nextDueAfter(now, pacing);
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return Optional.ofNullable(next);
    }

    /** Days waiting for a call (not those in a call being made). */
    synchronized int waiting() {
        return byTarget.values().stream().mapToInt(TargetQueue::waitingDays).sum();
    }

    /** The days being fetched now, for an operator's clear. */
    synchronized List<CacheKey.Bucket> inFlightDays() {
        List<CacheKey.Bucket> days = new ArrayList<>();
        byTarget.values().forEach(queue -> queue.inFlightDays(days));
        return days;
    }
}
