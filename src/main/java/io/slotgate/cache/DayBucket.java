package io.slotgate.cache;

import io.slotgate.slots.DaySlice;
import io.slotgate.slots.FillShape;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The slots of one bucket key as Cal.com's call laid them out (and as changes since have blocked them), when they were
 * fetched, the generation the content stands for, and, when the call is described ({@code shape}), what
 * {@link io.slotgate.slots.CalcomLayout} needs to lay the day out again as Cal.com would at a later instant: whether
 * the call had a slot one step before this day's first ({@code continuesFromPreviousDay}) and one after its last
 * ({@code continuesIntoNextDay}), the reservations that hide slots without moving the grid ({@code holds}), and the
 * slot starts a conservative patch can no longer vouch for ({@code unknownStarts}). {@code booked} are the bookings'
 * busy times patched in since the fetch: the same booking learned twice (slotgate's own booking, then its webhook) is
 * patched in once, since a conservative patch applied again would take out more than the first time.
 *
 * <p>{@code slots} keeps the slots a hold hides: {@link #offered()} leaves them out.
 */
public record DayBucket(CacheKey.Bucket key, List<Slot> slots, Instant fetchedAt, long generation,
                        Optional<FillShape> shape, boolean continuesFromPreviousDay, boolean continuesIntoNextDay,
                        List<TimeRange> holds, List<TimeRange> unknownStarts, List<TimeRange> booked,
                        Patches patches) {
    public DayBucket {
        slots = List.copyOf(slots);
        Objects.requireNonNull(shape, "shape");
        holds = List.copyOf(holds);
        unknownStarts = List.copyOf(unknownStarts);
        booked = List.copyOf(booked);
        Objects.requireNonNull(patches, "patches");
    }

    /** A bucket whose call is not described: served as it is, never laid out again. */
    public DayBucket(CacheKey.Bucket key, List<Slot> slots, Instant fetchedAt, long generation) {
        this(key, slots, fetchedAt, generation, Optional.empty(), false, false, List.of(), List.of(), List.of(),
                Patches.NONE);
    }

    /** The bucket of one day slice of a call: laid out as the call laid it, nothing patched yet. */
    public static DayBucket of(CacheKey.Bucket key, DaySlice slice, Instant fetchedAt, long generation) {
        return new DayBucket(key, slice.slots(), fetchedAt, generation, Optional.of(slice.shape()),
                slice.continuesFromPreviousDay(), slice.continuesIntoNextDay(), slice.holds(),
                slice.unknownStarts(), List.of(), Patches.NONE);
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

    /** The day as {@link io.slotgate.slots.CalcomLayout} reads it, when the call is described. */
    public Optional<DaySlice> slice() {
        return shape.map(s -> new DaySlice(key.day(), slots, s, continuesFromPreviousDay, continuesIntoNextDay, holds,
                unknownStarts));
    }

    /** The slots the call laid out that no hold hides: what the call's own window would be answered now. */
    public List<Slot> offered() {
        if (holds.isEmpty()) {
            return slots;
        }
        return slots.stream().filter(slot -> holds.stream()
                .noneMatch(h -> h.start().isBefore(slot.end()) && h.end().isAfter(slot.start()))).toList();
    }

    public boolean isEmpty() {
        return offered().isEmpty();
    }

    /** Whether changes since the fetch were applied to these slots. */
    public boolean patched() {
        return patches.applied() > 0;
    }

    /** The same bucket with another slice (after a change), the bookings patched in, generation and patches. */
    public DayBucket changed(DaySlice slice, List<TimeRange> newBooked, long newGeneration, Patches newPatches) {
        return new DayBucket(key, slice.slots(), fetchedAt, newGeneration, Optional.of(slice.shape()),
                slice.continuesFromPreviousDay(), slice.continuesIntoNextDay(), slice.holds(), slice.unknownStarts(),
                newBooked, newPatches);
    }

    /** The same undescribed bucket with other slots, the bookings patched in, generation and patches. */
    public DayBucket changed(List<Slot> newSlots, List<TimeRange> newBooked, long newGeneration, Patches newPatches) {
        return new DayBucket(key, newSlots, fetchedAt, newGeneration, shape, continuesFromPreviousDay,
                continuesIntoNextDay, holds, unknownStarts, newBooked, newPatches);
    }

    /** The same bucket under a later generation, nothing else changed (a change it already holds). */
    public DayBucket at(long newGeneration) {
        return new DayBucket(key, slots, fetchedAt, newGeneration, shape, continuesFromPreviousDay,
                continuesIntoNextDay, holds, unknownStarts, booked, patches);
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
