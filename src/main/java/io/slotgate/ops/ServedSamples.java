package io.slotgate.ops;

import io.slotgate.availability.ServedAnswer;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.DayBucket;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The bounded sample of served day buckets a verification round draws from: the latest answer per bucket key, the
 * least recently served forgotten first.
 */
final class ServedSamples {
    /**
     * One served bucket: what of it the answer could show (inside its range), and when. What it showed is worked out
     * only when the sample is verified, not on the serving thread: the bucket is immutable, so it is the same then.
     */
    record Sample(CacheKey.Bucket key, ServedAnswer answer, DayBucket bucket, TimeRange window, Instant fetchedAt,
                  long generation, Instant servedAt) {
        List<Slot> served() {
            return answer.shown(bucket);
        }
    }

    private final int capacity;
    private final RandomGenerator random;
    /** In access order: the least recently served bucket is the first to go beyond the capacity. */
    private final LinkedHashMap<CacheKey.Bucket, Sample> samples = new LinkedHashMap<>(16, 0.75f, true);

    ServedSamples(int capacity, RandomGenerator random) {
        this.capacity = capacity;
        this.random = random;
    }

    /**
     * Remembers the latest answer of each bucket served. A hot query serves the same buckets over and over: a sample
     * of the same bucket over the same window is then kept as it is and only moved to the newest end (what it showed
     * is worked out at verification, against the verification's own now + notice, so the newer answer would be
     * judged the same); only its {@code servedAt}, which the log's age reads, stays the first serve's.
     */
    void served(ServedAnswer answer) {
        synchronized (samples) {
            boolean added = false;
            for (DayBucket bucket : answer.buckets()) {
                // the UTC day's bounds from its epoch day: a ZonedDateTime per day showed on the hit path's profile
                long dayStart = bucket.key().day().toEpochDay() * 86_400L;
                Instant from = later(Instant.ofEpochSecond(dayStart), answer.range().start());
                Instant to = earlier(Instant.ofEpochSecond(dayStart + 86_400L).minusMillis(1), answer.range().end());
                if (to.isBefore(from) || to.isBefore(answer.earliest())) {
                    continue; // nothing of this day could be shown
                }
                Sample kept = samples.get(bucket.key()); // access order: moved to the newest end
                if (kept != null && kept.bucket() == bucket && kept.window().start().equals(from)
                        && kept.window().end().equals(to)) {
                    continue;
                }
                samples.put(bucket.key(), new Sample(bucket.key(), answer, bucket, new TimeRange(from, to),
                        bucket.fetchedAt(), bucket.generation(), answer.servedAt()));
                added = true;
            }
            if (added) {
                Iterator<CacheKey.Bucket> oldest = samples.keySet().iterator();
                while (samples.size() > capacity && oldest.hasNext()) {
                    oldest.next();
                    oldest.remove();
                }
            }
        }
    }

    /** Up to {@code count} samples drawn at random, each taken out of the sample. */
    List<Sample> pick(int count) {
        synchronized (samples) {
            List<CacheKey.Bucket> keys = new ArrayList<>(samples.keySet());
            List<Sample> picked = new ArrayList<>();
            while (picked.size() < count && !keys.isEmpty()) {
                CacheKey.Bucket key = keys.remove(random.nextInt(keys.size()));
                picked.add(samples.remove(key));
            }
            return picked;
        }
    }

    int size() {
        synchronized (samples) {
            return samples.size();
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
