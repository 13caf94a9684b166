package io.slotgate.cache;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Waits for the days another instance holds the leases of: polls the shared store until their buckets arrive, so that
 * two instances sharing it do not call Cal.com for the same days at once.
 */
final class OtherInstanceFills {
    private final BucketStore store;
    private final GenerationStore generations;
    private final FillLeases leases;
    private final Predicate<DayBucket> fresh;

    OtherInstanceFills(BucketStore store, GenerationStore generations, FillLeases leases, Predicate<DayBucket> fresh) {
        this.store = store;
        this.generations = generations;
        this.leases = leases;
        this.fresh = fresh;
    }

    /**
     * Settles the batch's waiting days from the buckets the other instance stores, for at most the leases' patience;
     * returns the waiting days it did not deliver in time or whose lease was given up without a bucket (that fill
     * failed or was refused).
     */
    List<LocalDate> await(FillBatch batch) {
        Map<LocalDate, FillNeed> waiting = new LinkedHashMap<>(batch.needs());
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
}
