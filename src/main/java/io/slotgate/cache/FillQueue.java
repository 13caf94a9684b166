package io.slotgate.cache;

import io.slotgate.calcom.Priority;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
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
 */
final class FillQueue {
    /** A day waiting for a fill. */
    static final class Need {
        private Priority priority;
        private Instant notBefore;
        private boolean echo;
        private boolean freedOnly;
        private final Instant since;
        private final CompletableFuture<DayBucket> settled = new CompletableFuture<>();
        /** The clients whose misses wait on this day (for fair shares); null once anyone unnamed or a crowd waits. */
        private java.util.Set<String> readers = new java.util.HashSet<>();

        private Need(Priority priority, Instant since, Instant notBefore, boolean echo, boolean freedOnly) {
            this.priority = priority;
            this.since = since;
            this.notBefore = notBefore;
            this.echo = echo;
            this.freedOnly = freedOnly;
        }

        /** A user's miss of {@code clients} waits on this day; an unnamed one (or too many) makes it nobody's. */
        private void readBy(java.util.Set<String> clients) {
            if (readers == null) {
                return;
            }
            if (clients.isEmpty() || readers.size() + clients.size() > MAX_READERS) {
                readers = null;
            } else {
                readers.addAll(clients);
            }
        }

        /** The clients this day's call is for; empty when it serves someone unnamed or a crowd (never rationed). */
        java.util.Set<String> readers() {
            return readers == null ? java.util.Set.of() : java.util.Set.copyOf(readers);
        }

        boolean rationable() {
            return readers != null && !readers.isEmpty();
        }

        Priority priority() {
            return priority;
        }

        Instant since() {
            return since;
        }

        Instant notBefore() {
            return notBefore;
        }

        /** A refetch a sibling asked for: a change it finds is not passed on again. */
        boolean echo() {
            return echo;
        }

        CompletableFuture<DayBucket> settled() {
            return settled;
        }
    }

    private static final class Pending {
        final TreeMap<LocalDate, Need> waiting = new TreeMap<>();
        FillBatch inFlight;
        Instant lastCall = Instant.MIN;
    }

    /** More readers than this on one day is a crowd, not one client's junk: its call is never held to a share. */
    static final int MAX_READERS = 8;

    private static final Comparator<Need> URGENCY = Comparator.comparing(Need::priority).thenComparing(Need::since);

    private final Map<FillTarget, Pending> byTarget = new HashMap<>();
    private final Supplier<Duration> spacing;
    private final Supplier<Duration> freedSpacing;

    /**
     * @param spacing      the least time between two calls of one target that only background needs ask for
     * @param freedSpacing the same for calls that only freed-slot needs ask for
     */
    FillQueue(Supplier<Duration> spacing, Supplier<Duration> freedSpacing) {
        this.spacing = spacing;
        this.freedSpacing = freedSpacing;
    }

    private Duration longestSpacing() {
        Duration least = spacing.get();
        Duration freed = freedSpacing.get();
        return freed.compareTo(least) > 0 ? freed : least;
    }

    /** When a waiting day may join a call: its "not before", and for a background need the target's pacing. */
    private Instant dueAt(Pending pending, Need need) {
        Duration least = need.freedOnly ? longestSpacing() : spacing.get();
        if (need.priority == Priority.USER || least.isZero() || pending.lastCall.equals(Instant.MIN)) {
            return need.notBefore;
        }
        Instant paced = pending.lastCall.plus(least);
        return paced.isAfter(need.notBefore) ? paced : need.notBefore;
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
        Pending pending = byTarget.computeIfAbsent(target, t -> new Pending());
        Need existing = pending.waiting.get(day);
        if (existing == null || existing.settled.isDone()) {
            Need need = new Need(priority, now, notBefore, echo, freedOnly);
            if (priority == Priority.USER) {
                need.readBy(io.slotgate.calcom.Callers.current());
            }
            pending.waiting.put(day, need);
            return need.settled;
        }
        if (priority == Priority.USER) {
            if (existing.priority != Priority.USER) {
                existing.readers = new java.util.HashSet<>();  // a background need raised: its readers start now
            }
            existing.readBy(io.slotgate.calcom.Callers.current());
        }
        if (priority.compareTo(existing.priority) < 0) {
            existing.priority = priority;
        }
        if (notBefore.isBefore(existing.notBefore)) {
            existing.notBefore = notBefore;
        }
        existing.echo &= echo;
        existing.freedOnly &= freedOnly;
        return existing.settled;
    }

    /**
     * The next call for a target: none while one is in flight or no waiting day is due; otherwise the waiting days the
     * span holds that are due are taken out of the queue into the batch, which is in flight until {@link #done}. A due
     * day that {@code stored} shows was filled since it was asked for (by a call that started after its "not before")
     * is settled with that bucket instead: between a reader's look and its need, another call may have answered it.
     */
    synchronized Optional<FillBatch> take(FillTarget target, Instant now, LocalDate today, FillSpan span,
                                          Function<LocalDate, Optional<DayBucket>> stored) {
        Pending pending = byTarget.get(target);
        if (pending == null || pending.inFlight != null) {
            return Optional.empty();
        }
        Iterator<Map.Entry<LocalDate, Need>> it = pending.waiting.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<LocalDate, Need> e = it.next(); // read before removing (see done)
            Need need = e.getValue();
            if (need.notBefore.isAfter(now)) {
                continue;
            }
            Optional<DayBucket> since = stored.apply(e.getKey()).filter(b -> !b.fetchedAt().isBefore(need.since)
                    && !b.fetchedAt().isBefore(need.notBefore));
            if (since.isPresent()) {
                it.remove();
                need.settled.complete(since.get());
            }
        }
        Need urgent = null;
        LocalDate urgentDay = null;
        for (Map.Entry<LocalDate, Need> e : pending.waiting.entrySet()) {
            if (!dueAt(pending, e.getValue()).isAfter(now)
                    && (urgent == null || URGENCY.compare(e.getValue(), urgent) < 0)) {
                urgent = e.getValue();
                urgentDay = e.getKey();
            }
        }
        if (urgent == null) {
            return Optional.empty();
        }
        // once a call goes, every day it may answer rides along, paced or not
        TreeSet<LocalDate> due = new TreeSet<>();
        for (Map.Entry<LocalDate, Need> e : pending.waiting.entrySet()) {
            if (!e.getValue().notBefore.isAfter(now)) {
                due.add(e.getKey());
            }
        }
        FillSpan.Days days = span.choose(due, urgentDay, today);
        Map<LocalDate, Need> taken = new TreeMap<>();
        for (LocalDate day : due.subSet(days.first(), true, days.last(), true)) {
            taken.put(day, pending.waiting.remove(day));
        }
        FillBatch batch = new FillBatch(target, days, taken, urgent.priority, now);
        pending.inFlight = batch;
        pending.lastCall = now;
        return Optional.of(batch);
    }

    /** The call in flight for a target, if any. */
    synchronized Optional<FillBatch> inFlight(FillTarget target) {
        Pending pending = byTarget.get(target);
        return pending == null ? Optional.empty() : Optional.ofNullable(pending.inFlight);
    }

    /**
     * A call is over. Days that waited for the next call but that this one answered well enough (it started at or
     * after their "not before", and {@code stored} has a usable bucket for them) are settled too.
     */
    synchronized void done(FillBatch batch, Function<LocalDate, Optional<DayBucket>> stored) {
        Pending pending = byTarget.get(batch.target());
        if (pending == null) {
            return;
        }
        if (pending.inFlight == batch) {
            pending.inFlight = null;
        }
        Iterator<Map.Entry<LocalDate, Need>> it = pending.waiting.entrySet().iterator();
        while (it.hasNext()) {
            // read the entry before removing it: a TreeMap's removal may move the next entry into this one's node
            Map.Entry<LocalDate, Need> e = it.next();
            LocalDate day = e.getKey();
            Need need = e.getValue();
            if (batch.days().contains(day) && !batch.startedAt().isBefore(need.notBefore)) {
                Optional<DayBucket> bucket = stored.apply(day);
                if (bucket.isPresent()) {
                    it.remove();
                    need.settled.complete(bucket.get());
                }
            }
        }
        if (pending.waiting.isEmpty() && pending.inFlight == null && longestSpacing().isZero()) {
            byTarget.remove(batch.target());
        }
    }

    /** Puts back days of a call that did not happen (the rate budget refused it), due again at {@code notBefore}. */
    synchronized void putBack(FillBatch batch, Map<LocalDate, Need> days, Instant notBefore) {
        Pending pending = byTarget.computeIfAbsent(batch.target(), t -> new Pending());
        days.forEach((day, need) -> {
            Need waiting = pending.waiting.get(day);
            if (waiting == null) {
                if (need.notBefore.isBefore(notBefore)) {
                    need.notBefore = notBefore;
                }
                pending.waiting.put(day, need);
            } else {
                // asked again meanwhile: one need, the most urgent, both futures settled by the same call
                waiting.settled.whenComplete((bucket, failure) -> {
                    if (failure == null) {
                        need.settled.complete(bucket);
                    } else {
                        need.settled.completeExceptionally(failure);
                    }
                });
            }
        });
    }

    /**
     * Another instance sharing the store made a call for this target, answered at {@code at}: this instance's
     * background calls for it are paced from that call too, so two instances do not each spend a call per spacing.
     */
    synchronized void calledElsewhere(FillTarget target, Instant at) {
        Pending pending = byTarget.computeIfAbsent(target, t -> new Pending());
        if (at.isAfter(pending.lastCall)) {
            pending.lastCall = at;
        }
    }

    /** Targets with a due day and no call in flight, the most urgent first. */
    synchronized List<FillTarget> due(Instant now) {
        List<Map.Entry<FillTarget, Need>> ready = new ArrayList<>();
        // a target with nothing waiting is kept only while its pacing still counts
        Duration least = longestSpacing();
        byTarget.values().removeIf(p -> p.waiting.isEmpty() && p.inFlight == null
                && !p.lastCall.plus(least).isAfter(now));
        byTarget.forEach((target, pending) -> {
            if (pending.inFlight == null) {
                pending.waiting.values().stream()
                        .filter(n -> !dueAt(pending, n).isAfter(now))
                        .min(URGENCY)
                        .ifPresent(n -> ready.add(Map.entry(target, n)));
            }
        });
        ready.sort(Map.Entry.comparingByValue(URGENCY));
        return ready.stream().map(Map.Entry::getKey).toList();
    }

    /** When the next waiting day becomes due, if one waits for a later instant. */
    synchronized Optional<Instant> nextDue(Instant now) {
        return byTarget.values().stream()
                .flatMap(p -> p.waiting.values().stream().map(n -> dueAt(p, n)))
                .filter(at -> at.isAfter(now))
                .min(Comparator.naturalOrder());
    }

    /** Days waiting for a call (not those in a call being made). */
    synchronized int waiting() {
        return byTarget.values().stream().mapToInt(p -> p.waiting.size()).sum();
    }

    /** The days being fetched now, for an operator's clear. */
    synchronized List<CacheKey.Bucket> inFlightDays() {
        List<CacheKey.Bucket> days = new ArrayList<>();
        for (Pending pending : byTarget.values()) {
            if (pending.inFlight != null) {
                FillBatch b = pending.inFlight;
                for (LocalDate d = b.days().first(); !d.isAfter(b.days().last()); d = d.plusDays(1)) {
                    days.add(b.target().bucket(d));
                }
            }
        }
        return days;
    }
}
