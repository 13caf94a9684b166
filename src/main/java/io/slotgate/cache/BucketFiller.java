package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.util.List;

/** One upstream call for a contiguous run of whole UTC days. */
@FunctionalInterface
public interface BucketFiller {
    CalcomOutcome<List<Slot>> fetch(TimeRange utcDays);
}
