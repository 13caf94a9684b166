package io.slotgate.cache;

import io.slotgate.calcom.Priority;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One target's part of the {@link FillQueue}: its waiting days, the call in flight for it, and when its last call
 * started (what its pacing counts from). Not thread-safe: the fill queue that owns it calls it under its own lock.
 */
final class TargetQueue {
    private final FillTarget target;
    private final TreeMap<LocalDate, FillNeed> waiting = new TreeMap<>();
    private FillBatch inFlight;
    private Instant lastCall = Instant.MIN;

    TargetQueue(FillTarget target) {
        this.target = target;
    }

    /** Asks for a day: a day already waiting keeps its future, joined by this ask. */
    CompletableFuture<DayBucket> need(LocalDate day, Priority priority, Instant now, Instant notBefore, boolean echo,
                                      boolean freedOnly) {
        FillNeed existing = waiting.get(day);
        if (existing == null || existing.settled().isDone()) {
            FillNeed need = FillNeed.asked(priority, now, notBefore, echo, freedOnly);
            waiting.put(day, need);
            return need.settled();
        }
        existing.join(priority, notBefore, echo, freedOnly);
        return existing.settled();
    }

    /** See {@link FillQueue#take}. */
    Optional<FillBatch> take(Instant now, LocalDate today, FillSpan span,
                             Function<LocalDate, Optional<DayBucket>> stored, FillPacing pacing) {
        if (inFlight != null) {
            return Optional.empty();
        }
        Iterator<Map.Entry<LocalDate, FillNeed>> it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<LocalDate, FillNeed> e = it.next(); // read before removing (see done)
            FillNeed need = e.getValue();
            if (need.notBefore().isAfter(now)) {
                continue;
            }
            Optional<DayBucket> since = stored.apply(e.getKey()).filter(b -> !b.fetchedAt().isBefore(need.since())
                    && !b.fetchedAt().isBefore(need.notBefore()));
            if (since.isPresent()) {
                it.remove();
                need.settled().complete(since.get());
            }
        }
        Optional<Map.Entry<LocalDate, FillNeed>> urgent = mostUrgentDue(now, pacing);
        if (urgent.isEmpty()) {
            return Optional.empty();
        }
        // once a call goes, every day it may answer rides along, paced or not
        TreeSet<LocalDate> due = new TreeSet<>();
        for (Map.Entry<LocalDate, FillNeed> e : waiting.entrySet()) {
            if (!e.getValue().notBefore().isAfter(now)) {
                due.add(e.getKey());
            }
        }
        FillSpan.Days days = span.choose(due, urgent.get().getKey(), today);
        Map<LocalDate, FillNeed> taken = new TreeMap<>();
        for (LocalDate day : due.subSet(days.first(), true, days.last(), true)) {
            taken.put(day, waiting.remove(day));
        }
        FillBatch batch = new FillBatch(target, days, taken, urgent.get().getValue().priority(), now);
        inFlight = batch;
        lastCall = now;
        return Optional.of(batch);
    }

    /**
     * The most urgent waiting day that is due, with its need; among equally urgent ones the earliest day. None while
     * a call is in flight.
     */
    Optional<Map.Entry<LocalDate, FillNeed>> mostUrgentDue(Instant now, FillPacing pacing) {
        if (inFlight != null) {
            return Optional.empty();
        }
        FillPacing.From from = pacing.from(lastCall);
        Map.Entry<LocalDate, FillNeed> urgent = null;
        for (Map.Entry<LocalDate, FillNeed> e : waiting.entrySet()) {
            if (!from.dueAt(e.getValue()).isAfter(now)
                    && (urgent == null || FillNeed.URGENCY.compare(e.getValue(), urgent.getValue()) < 0)) {
                urgent = e;
            }
        }
        return Optional.ofNullable(urgent).map(e -> Map.entry(e.getKey(), e.getValue()));
    }

    Optional<FillBatch> inFlight() {
        return Optional.ofNullable(inFlight);
    }

    /** See {@link FillQueue#done}. */
    void done(FillBatch batch, Function<LocalDate, Optional<DayBucket>> stored) {
        if (inFlight == batch) {
            inFlight = null;
        }
        Iterator<Map.Entry<LocalDate, FillNeed>> it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            // read the entry before removing it: a TreeMap's removal may move the next entry into this one's node
            Map.Entry<LocalDate, FillNeed> e = it.next();
            LocalDate day = e.getKey();
            FillNeed need = e.getValue();
            if (batch.days().contains(day) && !batch.startedAt().isBefore(need.notBefore())) {
                Optional<DayBucket> bucket = stored.apply(day);
                if (bucket.isPresent()) {
                    it.remove();
                    need.settled().complete(bucket.get());
                }
            }
        }
    }

    /** See {@link FillQueue#putBack}. */
    void putBack(Map<LocalDate, FillNeed> days, Instant notBefore) {
        days.forEach((day, need) -> {
            FillNeed asked = waiting.get(day);
            if (asked == null) {
                need.notBefore(notBefore);
                waiting.put(day, need);
            } else {
                // asked again meanwhile: one need, the most urgent, both futures settled by the same call
                need.settleWith(asked);
            }
        });
    }

    /** Another instance's call for this target, answered at {@code at}: the pacing counts from it too. */
    void calledElsewhere(Instant at) {
        if (at.isAfter(lastCall)) {
            lastCall = at;
        }
    }

    /** Nothing waits and nothing is in flight. */
    boolean idle() {
        return waiting.isEmpty() && inFlight == null;
    }

    /** Whether the last call no longer paces anything: {@code longest} has passed since it. */
    boolean pacingOver(Instant now, Duration longest) {
        return !lastCall.plus(longest).isAfter(now);
    }

    /** When the first waiting day that is not due at {@code now} becomes due; null if none waits for later. */
    Instant nextDueAfter(Instant now, FillPacing pacing) {
        FillPacing.From from = pacing.from(lastCall);
        Instant next = null;
        for (FillNeed need : waiting.values()) {
            Instant at = from.dueAt(need);
            if (at.isAfter(now) && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }

    int waitingDays() {
        return waiting.size();
    }

    /** Adds the days of the call in flight, if any, to {@code days}. */
    void inFlightDays(List<CacheKey.Bucket> days) {
        if (inFlight != null) {
            for (LocalDate d = inFlight.days().first(); !d.isAfter(inFlight.days().last()); d = d.plusDays(1)) {
                days.add(target.bucket(d));
            }
        }
    }
}
