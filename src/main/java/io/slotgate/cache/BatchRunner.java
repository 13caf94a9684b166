package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.slots.CalcomLayout;
import io.slotgate.slots.DaySlice;
import io.slotgate.slots.FillShape;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Makes one {@link FillBatch}'s call: takes the days' leases (other instances), reads the generations the call starts
 * under, asks Cal.com for the whole span, stores each day's bucket while its generation has not moved, and settles
 * every reader waiting on a day of the span. Whatever happens, the batch is over when {@link #run} returns.
 */
final class BatchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DayBucketCache.class);

    /** How a call ended, for whoever drives the queue. */
    sealed interface Result permits Filled, Refused, Failed {
    }

    /** The call was made and its buckets stored (or handed to the readers). */
    record Filled() implements Result {
    }

    /** The rate budget gave no call in time; the waiting days are back in the queue for {@code retryAfter}. */
    record Refused(Duration retryAfter, CalcomOutcome<?> outcome) implements Result {
    }

    /** Cal.com gave no usable answer. */
    record Failed(CalcomOutcome<?> outcome) implements Result {
    }

    private final BucketStore store;
    private final GenerationStore generations;
    private final Clock clock;
    private final BucketFiller filler;
    private final FillLeases leases;
    private final FillQueue queue;
    private final CacheCounters counters;
    private final Predicate<DayBucket> fresh;
    private final BooleanSupplier reportChanges;
    private final Consumer<CacheKey.Generation> unannouncedChange;
    /** How long Cal.com may answer from its own result cache after a change. */
    private final Duration calcomResultCache;

    BatchRunner(BucketStore store, GenerationStore generations, Clock clock, BucketFiller filler, FillLeases leases,
                FillQueue queue, CacheCounters counters, Predicate<DayBucket> fresh,
                BooleanSupplier reportChanges, Consumer<CacheKey.Generation> unannouncedChange,
                Duration calcomResultCache) {
        this.calcomResultCache = calcomResultCache;
        this.store = store;
        this.generations = generations;
        this.clock = clock;
        this.filler = filler;
        this.leases = leases;
        this.queue = queue;
        this.counters = counters;
        this.fresh = fresh;
        this.reportChanges = reportChanges;
        this.unannouncedChange = unannouncedChange;
    }

    /** Runs the batch; a USER call may wait for the rate budget for at most {@code patience}. */
    Result run(FillBatch batch, Duration patience) {
        try {
            return runUnguarded(batch, patience);
        } catch (RuntimeException e) {
            LOG.warn("fill of {} failed unexpectedly", batch.target(), e);
            CalcomOutcome<?> outcome = new CalcomOutcome.UpstreamError<>(0, "fill failed: "
                    + e.getClass().getSimpleName());
            fail(batch, outcome);
            return new Failed(outcome);
        } finally {
            queue.done(batch, day -> store.get(batch.target().bucket(day))
                    .flatMap(b -> UpToDate.of(b, generations)).filter(b -> b.patches().exact())
                    .filter(b -> !b.fetchedAt().isBefore(batch.startedAt())));
            batch.finished().complete(null);
        }
    }

    private Result runUnguarded(FillBatch batch, Duration patience) {
        List<CacheKey.Bucket> span = days(batch);
        FillLeases.Claim claim = leases.claim(span);
        Set<LocalDate> theirs = new HashSet<>();
        claim.theirs().forEach(b -> theirs.add(b.day()));
        try {
            if (!claim.theirs().isEmpty() && theirs.containsAll(batch.needs().keySet())) {
                // another instance is fetching every day we wait for: wait for its buckets instead of calling too
                List<LocalDate> left = awaitOtherInstances(batch, claim.theirs());
                if (left.isEmpty()) {
                    return new Filled();
                }
            }
            return fetch(batch, span, patience);
        } finally {
            claim.release().run();
        }
    }

    private Result fetch(FillBatch batch, List<CacheKey.Bucket> span, Duration patience) {
        // read the counters first (a shared tier learns the changes made elsewhere), then take the generation of a
        // moment before the call: what Cal.com's own result cache may not show yet is patched in again
        generations.refresh(span.stream().map(CacheKey.Bucket::generation).toList());
        Instant asked = clock.instant();
        Optional<FillFacts> facts = filler.facts(batch.target());
        List<Long> startedUnder = span.stream()
                .map(key -> generations.asOf(key.generation(), asked.minus(calcomResultCache))).toList();
        Instant replacingSince = oldestReplaced(span);
        long started = System.nanoTime();
        CalcomOutcome<List<Slot>> outcome;
        try {
            // the call is charged to the readers of its days (the driver may be any of them, or the background)
            outcome = io.slotgate.calcom.Callers.as(batch.clients(), () -> filler.fetch(batch.target(),
                    TimeRange.utcDays(batch.days().first(), batch.days().last()), batch.priority(), patience));
        } catch (RuntimeException e) {
            // the filler answers failures as outcomes; a throw is a fault of ours, answered as Cal.com failing
            LOG.warn("fill call for {} threw", batch.target(), e);
            outcome = new CalcomOutcome.UpstreamError<>(0, "fill failed: " + e.getClass().getSimpleName());
        }
        counters.fill(batch.priority(), outcome.isSuccess());
        log(batch, outcome, replacingSince, (System.nanoTime() - started) / 1_000_000);
        if (!(outcome instanceof CalcomOutcome.Success<List<Slot>> ok)) {
            if (outcome instanceof CalcomOutcome.RateLimited<List<Slot>> limited) {
                return refused(batch, limited.retryAfter(), outcome);
            }
            fail(batch, outcome);
            return new Failed(outcome);
        }
        Instant fetchedAt = clock.instant();
        Map<LocalDate, DayBucket> delivered = new LinkedHashMap<>();
        Map<LocalDate, DayBucket> byDay = split(ok.value(), span, batch.target(), facts, asked, fetchedAt,
                startedUnder);
        for (CacheKey.Bucket key : span) {
            DayBucket raw = byDay.get(key.day());
            boolean report = reportChanges.getAsBoolean() && !batch.echo(key.day());
            // read the bucket replaced only when a change in it would be reported: in a tiered store a bucket
            // missing from L1 costs a Redis round trip
            Optional<DayBucket> replaced = report ? store.get(key).flatMap(b -> UpToDate.of(b, generations))
                    : Optional.empty();
            // stored as Cal.com said it, under the generation of the moment before the call: a shared store learns
            // from its write what every instance has changed since, which the patching below then knows
            store.put(raw);
            Optional<DayBucket> upToDate = UpToDate.of(raw, generations);
            if (upToDate.isEmpty()) {
                continue; // dropped while we asked: this answer may predate that, so nobody gets it
            }
            DayBucket bucket = upToDate.get();
            if (replaced.filter(old -> old.generation() == bucket.generation() && old.patches().exact()
                            && bucket.patches().exact())
                    .filter(old -> lostASlotBehindTheFirst(old, bucket)).isPresent()) {
                unannouncedChange.accept(key.generation());
            }
            delivered.put(key.day(), bucket);
        }
        Map<LocalDate, FillQueue.Need> again = new LinkedHashMap<>();
        batch.needs().forEach((day, need) -> {
            DayBucket bucket = delivered.get(day);
            if (bucket != null) {
                need.settled().complete(bucket);
            } else {
                again.put(day, need);
            }
        });
        if (!again.isEmpty()) {
            queue.putBack(batch, again, clock.instant());
        }
        return new Filled();
    }

    /**
     * The call's answer as one bucket per day of its span, empty days included. With the event type described, each
     * day is a slice of the call as {@link CalcomLayout#split} cuts it, with what a later layout needs (the call's
     * shape: frequency, length, how hosts combine, the stretches, when it was sent and answered); otherwise the slots
     * of each UTC day as they came.
     */
    private static Map<LocalDate, DayBucket> split(List<Slot> answer, List<CacheKey.Bucket> span, FillTarget target,
                                                   Optional<FillFacts> facts, Instant sentAt, Instant fetchedAt,
                                                   List<Long> generations) {
        LocalDate first = span.get(0).day();
        LocalDate last = span.get(span.size() - 1).day();
        Map<LocalDate, DayBucket> buckets = new LinkedHashMap<>();
        if (facts.isPresent()) {
            FillFacts f = facts.get();
            try {
                FillShape shape = FillShape.of(f.frequencyMinutes(), target.durationMinutes(), f.aggregation(),
                        target.fillZone(), f.stretchBeforeMinutes(), f.stretchAfterMinutes(), first, last, sentAt,
                        fetchedAt, f.noticeMinutes());
                SortedMap<LocalDate, DaySlice> slices = CalcomLayout.split(answer, first, last, shape);
                for (int i = 0; i < span.size(); i++) {
                    CacheKey.Bucket key = span.get(i);
                    buckets.put(key.day(), DayBucket.of(key, slices.get(key.day()), fetchedAt, generations.get(i)));
                }
                return buckets;
            } catch (IllegalArgumentException e) {
                // slots not as the facts describe them (another length, an event type changed since): served as
                // they came, never laid out again, until the facts and the calls agree
                LOG.warn("fill of event type {} duration {} does not match its facts ({}); kept undescribed",
                        target.eventTypeId(), target.durationMinutes(), e.getMessage());
                buckets.clear();
            }
        }
        Map<LocalDate, List<Slot>> byDay = splitByUtcDay(answer);
        for (int i = 0; i < span.size(); i++) {
            CacheKey.Bucket key = span.get(i);
            buckets.put(key.day(), new DayBucket(key, byDay.getOrDefault(key.day(), List.of()), fetchedAt,
                    generations.get(i)));
        }
        return buckets;
    }

    /** The minutes the target's slots step by; 0 when not known. */
    int frequencyMinutes(FillTarget target) {
        return filler.frequencyMinutes(target);
    }

    private Refused refused(FillBatch batch, Duration retryAfter, CalcomOutcome<?> outcome) {
        Instant again = clock.instant().plus(retryAfter);
        Map<LocalDate, FillQueue.Need> back = new LinkedHashMap<>();
        batch.needs().forEach((day, need) -> {
            if (need.priority() == Priority.USER && batch.priority() == Priority.USER) {
                // the reader who drove this call gave up waiting: tell every reader, each decides what to serve
                need.settled().completeExceptionally(new FillFailedException(outcome, Priority.USER));
            } else {
                back.put(day, need);
            }
        });
        queue.putBack(batch, back, again);
        return new Refused(retryAfter, outcome);
    }

    private void fail(FillBatch batch, CalcomOutcome<?> outcome) {
        FillFailedException failure = new FillFailedException(outcome, batch.priority());
        batch.needs().values().forEach(need -> need.settled().completeExceptionally(failure));
    }

    /**
     * Waits, polling the store, for the days another instance is filling; returns the waiting days it did not
     * deliver in time or whose lease was given up without a bucket (that fill failed or was refused).
     */
    private List<LocalDate> awaitOtherInstances(FillBatch batch, List<CacheKey.Bucket> theirs) {
        Map<LocalDate, FillQueue.Need> waiting = new LinkedHashMap<>(batch.needs());
        long deadline = System.nanoTime() + leases.patience().toNanos();
        List<LocalDate> abandoned = new ArrayList<>();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(leases.pollEvery());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            waiting.entrySet().removeIf(e -> {
                CacheKey.Bucket key = batch.target().bucket(e.getKey());
                Optional<DayBucket> delivered = store.get(key).flatMap(b -> UpToDate.of(b, generations))
                        .filter(b -> b.patches().exact()).filter(fresh)
                        .filter(b -> !b.fetchedAt().isBefore(batch.startedAt()));
                if (delivered.isPresent()) {
                    e.getValue().settled().complete(delivered.get());
                    return true;
                }
                if (!leases.heldElsewhere(key)) {
                    abandoned.add(e.getKey());
                    return true;
                }
                return false;
            });
        }
        abandoned.addAll(waiting.keySet());
        return abandoned;
    }

    private boolean current(DayBucket bucket) {
        return UpToDate.of(bucket, generations).filter(b -> b.patches().exact()).isPresent();
    }

    private Instant oldestReplaced(List<CacheKey.Bucket> span) {
        if (!LOG.isInfoEnabled()) {
            return null;
        }
        Instant oldest = null;
        for (CacheKey.Bucket key : span) {
            Optional<DayBucket> old = store.get(key);
            if (old.isPresent() && (oldest == null || old.get().fetchedAt().isBefore(oldest))) {
                oldest = old.get().fetchedAt();
            }
        }
        return oldest;
    }

    private static List<CacheKey.Bucket> days(FillBatch batch) {
        List<CacheKey.Bucket> keys = new ArrayList<>();
        for (LocalDate d = batch.days().first(); !d.isAfter(batch.days().last()); d = d.plusDays(1)) {
            keys.add(batch.target().bucket(d));
        }
        return keys;
    }

    /**
     * One line per call: {@code fill tenant= eventType= duration= days=first..last(n) outcome= age= upstreamMs=
     * cause=}, where age is that of the oldest bucket replaced ({@code none} for days not cached) and cause the most
     * urgent priority that asked (a user's miss, a refetch, a refresh, warming).
     */
    private void log(FillBatch batch, CalcomOutcome<List<Slot>> outcome, Instant replacing, long upstreamMs) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String result = switch (outcome) {
            case CalcomOutcome.Success<List<Slot>> ok -> "ok slots=" + ok.value().size();
            case CalcomOutcome.RateLimited<List<Slot>> limited -> "rate-limited";
            case CalcomOutcome.Unauthorised<List<Slot>> refused -> "unauthorised";
            case CalcomOutcome.Rejected<List<Slot>> rejected -> "rejected status=" + rejected.response().status();
            case CalcomOutcome.SlotTaken<List<Slot>> taken -> "rejected status=" + taken.response().status();
            case CalcomOutcome.UpstreamError<List<Slot>> error -> "upstream-error";
        };
        FillTarget t = batch.target();
        LOG.info("fill tenant={} eventType={} duration={} days={}..{}({}) waiting={} outcome={} age={} upstreamMs={} "
                        + "cause={}", t.tenant(), t.eventTypeId(), t.durationMinutes(), batch.days().first(),
                batch.days().last(), batch.days().count(), batch.needs().size(), result,
                replacing == null ? "none" : DayBucket.ageOf(replacing, clock.instant()), upstreamMs,
                batch.priority().name().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether {@code now} lacks a slot that {@code before} had and that starts after {@code now}'s first slot. Time
     * alone only takes slots off the front of a day (past, or inside the minimum notice), so a gap behind the first
     * remaining slot is a change in availability.
     */
    static boolean lostASlotBehindTheFirst(DayBucket before, DayBucket now) {
        if (now.offered().isEmpty()) {
            return false;
        }
        Instant first = now.offered().get(0).start();
        Set<Slot> kept = new HashSet<>(now.offered());
        for (Slot slot : before.offered()) {
            if (slot.start().isAfter(first) && !kept.contains(slot)) {
                return true;
            }
        }
        return false;
    }

    static Map<LocalDate, List<Slot>> splitByUtcDay(List<Slot> slots) {
        Map<LocalDate, List<Slot>> byDay = new LinkedHashMap<>();
        for (Slot slot : slots) {
            byDay.computeIfAbsent(TimeRange.utcDayOf(slot.start()), d -> new ArrayList<>()).add(slot);
        }
        return byDay;
    }
}
