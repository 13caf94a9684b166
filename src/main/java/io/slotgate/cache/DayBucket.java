package io.slotgate.cache;

import io.slotgate.slots.FillShape;
import io.slotgate.slots.Slot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The slots of one bucket key as Cal.com gave them (and as changes since have patched them), when they were fetched,
 * the generation the content stands for, how the call laid them out, and what the call showed at the day's edges:
 * whether it had a slot one step before this day's first ({@code continuesFromPreviousDay}) and one step after its
 * last ({@code continuesIntoNextDay}). {@code runStarts} are the slots the call surely laid as the first of a free
 * range (BucketPatch cuts a range only up to the next of them); fixed when the call answered, so that a patch taking
 * slots out never makes a gap look like a new range.
 */
public record DayBucket(CacheKey.Bucket key, List<Slot> slots, Instant fetchedAt, long generation, FillShape shape,
                        boolean continuesFromPreviousDay, boolean continuesIntoNextDay, Patches patches,
                        List<Instant> runStarts) {
    public DayBucket {
        slots = List.copyOf(slots);
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(patches, "patches");
        runStarts = List.copyOf(runStarts);
    }

    /**
     * A bucket whose run starts are read off its slots: sure only while nothing has been taken out (a patched bucket
     * is sure of none).
     */
    public DayBucket(CacheKey.Bucket key, List<Slot> slots, Instant fetchedAt, long generation, FillShape shape,
                     boolean continuesFromPreviousDay, boolean continuesIntoNextDay, Patches patches) {
        this(key, slots, fetchedAt, generation, shape, continuesFromPreviousDay, continuesIntoNextDay, patches,
                patches.applied() == 0 ? runStartsOf(slots, shape, continuesFromPreviousDay) : List.of());
    }

    /** A bucket whose call is not described: served as it is, never re-laid. */
    public DayBucket(CacheKey.Bucket key, List<Slot> slots, Instant fetchedAt, long generation) {
        this(key, slots, fetchedAt, generation, FillShape.unknown(fetchedAt), false, false, Patches.NONE, List.of());
    }

    /**
     * The slots of an untouched call that surely start a free range: one whose predecessor is not one step before it
     * (within a range Cal.com lays every step), and the day's first when the call saw the step before it free.
     */
    static List<Instant> runStartsOf(List<Slot> slots, FillShape shape, boolean continuesFromPreviousDay) {
        if (!shape.isKnown() || slots.isEmpty()) {
            return List.of();
        }
        Duration step = shape.frequency();
        List<Instant> starts = new ArrayList<>();
        Instant first = slots.get(0).start();
        if (!continuesFromPreviousDay && !shape.knownFrom().isAfter(first.minus(step))) {
            starts.add(first);
        }
        for (int i = 1; i < slots.size(); i++) {
            if (!slots.get(i - 1).start().plus(step).equals(slots.get(i).start())) {
                starts.add(slots.get(i).start());
            }
        }
        return starts;
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
                newPatches, runStarts);
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
