package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Callers;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Makes one {@link FillBatch}'s call: takes the days' leases (other instances), reads the generations the call starts
 * under, asks Cal.com for the whole span, and has the batch settled. Whatever happens, the batch is over when
 * {@link #run} returns. The jobs around the call have classes of their own: waiting for the days another instance
 * fills ({@link OtherInstanceFills}), cutting the answer into buckets ({@link AnswerSplit}), storing them and settling
 * the readers ({@link BatchSettlement}), and the call's log line ({@link FillLog}).
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
    private final OtherInstanceFills otherInstances;
    private final BatchSettlement settlement;
    private final FillLog log;
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
        this.otherInstances = new OtherInstanceFills(store, generations, leases, fresh);
        this.settlement = new BatchSettlement(store, generations, clock, queue, reportChanges, unannouncedChange);
        this.log = new FillLog(store, clock);
    }

    /** Runs the batch; a USER call may wait for the rate budget for at most {@code patience}. */
    Result run(FillBatch batch, Duration patience) {
        try {
            return runUnguarded(batch, patience);
        } catch (RuntimeException e) {
            LOG.warn("fill of {} failed unexpectedly", batch.target(), e);
            CalcomOutcome<?> outcome = new CalcomOutcome.UpstreamError<>(0, "fill failed: "
                    + e.getClass().getSimpleName());
            settlement.failed(batch, outcome);
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
                List<LocalDate> left = otherInstances.await(batch);
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
        Instant replacingSince = log.oldestReplaced(span);
        long started = System.nanoTime();
        CalcomOutcome<List<Slot>> outcome;
        try {
            // the call is charged to the readers of its days (the driver may be any of them, or the background)
            outcome = Callers.as(batch.clients(), () -> filler.fetch(batch.target(),
                    TimeRange.utcDays(batch.days().first(), batch.days().last()), batch.priority(), patience));
        } catch (RuntimeException e) {
            // the filler answers failures as outcomes; a throw is a fault of ours, answered as Cal.com failing
            LOG.warn("fill call for {} threw", batch.target(), e);
            outcome = new CalcomOutcome.UpstreamError<>(0, "fill failed: " + e.getClass().getSimpleName());
        }
        counters.fill(batch.priority(), outcome.isSuccess());
        log.call(batch, outcome, replacingSince, (System.nanoTime() - started) / 1_000_000);
        if (!(outcome instanceof CalcomOutcome.Success<List<Slot>> ok)) {
            if (outcome instanceof CalcomOutcome.RateLimited<List<Slot>> limited) {
                return settlement.refused(batch, limited.retryAfter(), outcome);
            }
            settlement.failed(batch, outcome);
            return new Failed(outcome);
        }
        Instant fetchedAt = clock.instant();
        Map<LocalDate, DayBucket> byDay = AnswerSplit.byDay(ok.value(), span, batch.target(), facts, asked, fetchedAt,
                startedUnder);
        settlement.answered(batch, span, byDay);
        return new Filled();
    }

    /** The minutes the target's slots step by; 0 when not known. */
    int frequencyMinutes(FillTarget target) {
        return filler.frequencyMinutes(target);
    }

    private static List<CacheKey.Bucket> days(FillBatch batch) {
        List<CacheKey.Bucket> keys = new ArrayList<>();
        for (LocalDate d = batch.days().first(); !d.isAfter(batch.days().last()); d = d.plusDays(1)) {
            keys.add(batch.target().bucket(d));
        }
        return keys;
    }
}
