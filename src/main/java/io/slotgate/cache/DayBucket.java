package io.slotgate.cache;

import io.slotgate.slots.Slot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The slots of one bucket key as Cal.com gave them, when they were fetched and under which generation. */
public record DayBucket(CacheKey.Bucket key, List<Slot> slots, Instant fetchedAt, long generation) {
    public DayBucket {
        slots = List.copyOf(slots);
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    public Duration age(Instant now) {
        Duration age = Duration.between(fetchedAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
