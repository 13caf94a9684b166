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

    /** An age as a log shows it: whole seconds with an 's'. */
    public static String ageOf(Instant fetchedAt, Instant now) {
        Duration age = Duration.between(fetchedAt, now);
        return (age.isNegative() ? 0 : age.toSeconds()) + "s";
    }

    public Duration age(Instant now) {
        Duration age = Duration.between(fetchedAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
