package io.slotgate.cache;

import io.slotgate.slots.FillShape;
import io.slotgate.slots.Slot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The slots of one bucket key as Cal.com gave them (and as changes since have patched them), when they were fetched,
 * the generation the content stands for, how the call laid them out, and what the call showed at the day's edges:
 * whether it had a slot one step before this day's first ({@code continuesFromPreviousDay}) and one step after its
 * last ({@code continuesIntoNextDay}).
 */
public record DayBucket(CacheKey.Bucket key, List<Slot> slots, Instant fetchedAt, long generation, FillShape shape,
                        boolean continuesFromPreviousDay, boolean continuesIntoNextDay, Patches patches) {
    public DayBucket {
        slots = List.copyOf(slots);
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(patches, "patches");
    }

    /** A bucket whose call is not described: served as it is, never re-laid. */
    public DayBucket(CacheKey.Bucket key, List<Slot> slots, Instant fetchedAt, long generation) {
        this(key, slots, fetchedAt, generation, FillShape.unknown(fetchedAt), false, false, Patches.NONE);
    }

    /**
     * The changes applied to the fetched slots since: how many, and since when the result may leave out slots Cal.com
     * would offer (a change that could only be applied conservatively). It never offers one Cal.com would not.
     */
    public record Patches(int applied, Optional<Instant> inexactSince) {
        public static final Patches NONE = new Patches(0, Optional.empty());

        public Patches {
            Objects.requireNonNull(inexactSince, "inexactSince");
        }

        public boolean exact() {
            return inexactSince.isEmpty();
        }
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    /** Whether changes since the fetch were applied to these slots. */
    public boolean patched() {
        return patches.applied() > 0;
    }

    /** The same bucket with other slots and generation, after a change. */
    public DayBucket changed(List<Slot> newSlots, long newGeneration, boolean newContinuesFrom, boolean newContinuesInto,
                             Patches newPatches) {
        return new DayBucket(key, newSlots, fetchedAt, newGeneration, shape, newContinuesFrom, newContinuesInto,
                newPatches);
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
