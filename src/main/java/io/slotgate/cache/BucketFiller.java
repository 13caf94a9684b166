package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.util.List;

/** One upstream call for a contiguous run of whole UTC days of one bucket key's event type and duration. */
@FunctionalInterface
public interface BucketFiller {
    CalcomOutcome<List<Slot>> fetch(CacheKey.Bucket template, TimeRange utcDays, Priority priority);
}
