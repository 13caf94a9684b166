package io.slotgate.cache;

import java.util.List;
import java.util.Optional;

/**
 * Brings a stored bucket to its day's current generation: every change since its generation patched in, in order.
 * A bucket already current comes back as it is; one that a change since cannot be patched into (a drop, or a change
 * this process does not know) cannot be brought up to date and must not be served.
 */
public final class UpToDate {
    private UpToDate() {
    }

    public static Optional<DayBucket> of(DayBucket bucket, GenerationStore generations) {
        CacheKey.Generation day = bucket.key().generation();
        long current = generations.current(day);
        if (bucket.generation() == current) {
            return Optional.of(bucket);
        }
        if (bucket.generation() > current) {
            return Optional.empty(); // a generation this process has not heard of: it trusts nothing it cannot check
        }
        Optional<List<DayChange>> changes = generations.since(day, bucket.generation());
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        DayBucket patched = bucket;
        long generation = bucket.generation();
        for (DayChange change : changes.get()) {
            generation++;
            if (!(change instanceof DayChange.Busy busy)) {
                return Optional.empty();
            }
            patched = BucketPatch.apply(patched, busy, generation);
        }
        return Optional.of(patched);
    }
}
