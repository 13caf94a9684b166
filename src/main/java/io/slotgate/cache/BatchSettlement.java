package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.slots.Slot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How a call ends for the readers of its batch: an answer is stored day by day while each day's generation stands
 * and hands its buckets to the readers, the rest going back to the queue; a refusal puts the days back for later
 * (or, for the reader who gave up, fails them); a failure fails them all. Storing an answer is also where a change
 * nothing announced shows: a slot gone from behind the first one.
 */
final class BatchSettlement {
    private final BucketStore store;
    private final GenerationStore generations;
    private final Clock clock;
    private final FillQueue queue;
    private final BooleanSupplier reportChanges;
    private final Consumer<CacheKey.Generation> unannouncedChange;

    /**
     * @param reportChanges     whether a change a call finds is passed on (refresh-on-invalidate)
     * @param unannouncedChange told of a day whose answer changed without a webhook
     */
    BatchSettlement(BucketStore store, GenerationStore generations, Clock clock, FillQueue queue,
                    BooleanSupplier reportChanges, Consumer<CacheKey.Generation> unannouncedChange) {
        this.store = store;
        this.generations = generations;
        this.clock = clock;
        this.queue = queue;
        this.reportChanges = reportChanges;
        this.unannouncedChange = unannouncedChange;
    }

    /**
     * Stores the answer's bucket of each day of {@code span} and settles every reader whose day is still current;
     * a day dropped while the call was out goes back to the queue for the next call.
     */
    void answered(FillBatch batch, List<CacheKey.Bucket> span, Map<LocalDate, DayBucket> byDay) {
        Map<LocalDate, DayBucket> delivered = new LinkedHashMap<>();
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
        Map<LocalDate, FillNeed> again = new LinkedHashMap<>();
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
    }

    /** The rate budget gave no call: the days wait again for {@code retryAfter}, but a user's call fails them. */
    BatchRunner.Refused refused(FillBatch batch, Duration retryAfter, CalcomOutcome<?> outcome) {
        Instant again = clock.instant().plus(retryAfter);
        Map<LocalDate, FillNeed> back = new LinkedHashMap<>();
        batch.needs().forEach((day, need) -> {
            if (need.priority() == Priority.USER && batch.priority() == Priority.USER) {
                // the reader who drove this call gave up waiting: tell every reader, each decides what to serve
                need.settled().completeExceptionally(new FillFailedException(outcome, Priority.USER));
            } else {
                back.put(day, need);
            }
        });
        queue.putBack(batch, back, again);
        return new BatchRunner.Refused(retryAfter, outcome);
    }

    void failed(FillBatch batch, CalcomOutcome<?> outcome) {
        FillFailedException failure = new FillFailedException(outcome, batch.priority());
        batch.needs().values().forEach(need -> need.settled().completeExceptionally(failure));
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
}
