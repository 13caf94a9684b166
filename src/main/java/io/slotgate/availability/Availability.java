package io.slotgate.availability;

import io.slotgate.cache.CacheOutcome;
import io.slotgate.slots.Slot;

import java.time.Duration;
import java.util.List;

/**
 * The slots that answer a query as Cal.com would answer it now, how fresh they are, whether a change learned since
 * they were fetched (a booking's webhook) was patched into them, and how they were laid out.
 */
public record Availability(List<Slot> slots, CacheOutcome outcome, Duration age, boolean patched,
                           LayoutCounts.Layout layout) {
    public Availability {
        slots = List.copyOf(slots);
        java.util.Objects.requireNonNull(layout, "layout");
    }

    /** An answer not composed from day buckets (an exact query of the seed's profile). */
    public Availability(List<Slot> slots, CacheOutcome outcome, Duration age) {
        this(slots, outcome, age, false, LayoutCounts.Layout.UNDESCRIBED);
    }
}
